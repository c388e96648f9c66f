package io.callpulse.jobs.analytics;

import java.util.List;

/**
 * Everything the job reports about one epoch.
 *
 * @param closedBy "destroy", "inactivity" or "open"
 */
public record EpochResult(
    ChannelEpoch epoch,
    String closedBy,
    List<PresenceInterval> sessions,
    List<PresencePiece> pieces,
    List<ConcurrencyStep> steps,
    List<ConcurrencyMinute> minutes,
    EpochFigures figures,
    List<DailySplit.ChannelUsage> channelUsage,
    List<DailySplit.UserUsage> userUsage,
    int rolesWithoutSession) {

  public boolean closed() {
    return !"open".equals(closedBy);
  }
}
