package io.callpulse.jobs.analytics;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * All figures of one channel as a pure function of its deduplicated event set (plus how far event
 * time has progressed, which only decides whether an epoch without 102 counts as closed by
 * inactivity). The Flink operator is a thin shell around this.
 */
public final class ChannelComputation {
  /** Where open sessions end in the live step function: never, as far as the rows go. */
  static final long OPEN_END = Long.MAX_VALUE / 4;

  private ChannelComputation() {}

  /**
   * @param inactivityGapSeconds the session-window gap of rule 7
   * @param watermarkSeconds event time reached; an epoch without 102 whose last activity is more
   *     than the gap behind it is closed by inactivity
   */
  public static List<EpochResult> compute(
      ChannelLog log, long inactivityGapSeconds, long watermarkSeconds, ZoneId zone) {
    List<EpochResult> results = new ArrayList<>();
    for (ChannelEpoch epoch : ChannelEpochs.assign(log, inactivityGapSeconds)) {
      results.add(compute(epoch, closedBy(epoch, inactivityGapSeconds, watermarkSeconds), zone));
    }
    return results;
  }

  /** "destroy", "inactivity" (no 102, event time a gap past its last activity) or "open". */
  public static String closedBy(
      ChannelEpoch epoch, long inactivityGapSeconds, long watermarkSeconds) {
    if (epoch.destroyTs() != null) {
      return "destroy";
    }
    return epoch.lastActivity() + inactivityGapSeconds <= watermarkSeconds ? "inactivity" : "open";
  }

  /**
   * One epoch's figures: a pure function of the epoch (its events and bounds), how it is closed and
   * the zone of the daily split, which is what lets the operator skip unchanged epochs ({@link
   * EpochDigest}).
   */
  public static EpochResult compute(ChannelEpoch epoch, String closedBy, ZoneId zone) {
    boolean closed = !"open".equals(closedBy);
    List<PresenceInterval> sessions = new ArrayList<>();
    List<PresencePiece> pieces = new ArrayList<>();
    List<PresencePiece> livePieces = new ArrayList<>();
    int rolesWithoutSession = 0;
    for (Map.Entry<Long, List<UserEvent>> user : epoch.events().entrySet()) {
      UserTimeline.Result timeline =
          UserTimeline.build(user.getKey(), user.getValue(), epoch.end(), closed);
      sessions.addAll(timeline.intervals());
      List<PresencePiece> userPieces = PresenceUnion.of(timeline.intervals());
      pieces.addAll(userPieces);
      livePieces.addAll(closed ? userPieces : PresenceUnion.of(live(timeline.intervals())));
      rolesWithoutSession += timeline.rolesWithoutSession();
    }
    // Seconds and the peak only count what is proven; the published step function of an open
    // epoch keeps users of open sessions present (no step down at the last event).
    List<ConcurrencyStep> provenSteps = Concurrency.steps(pieces);
    List<ConcurrencyStep> steps =
        closed
            ? provenSteps
            : Concurrency.steps(livePieces).stream().filter(s -> s.ts() < OPEN_END).toList();
    return new EpochResult(
        epoch,
        closedBy,
        sessions,
        pieces,
        steps,
        Concurrency.minutes(steps),
        EpochFigures.of(sessions, pieces, provenSteps),
        DailySplit.perChannel(pieces, zone),
        DailySplit.perUser(pieces, zone),
        rolesWithoutSession);
  }

  /** Open intervals of an open epoch, extended past any time the step function will show. */
  private static List<PresenceInterval> live(List<PresenceInterval> intervals) {
    List<PresenceInterval> live = new ArrayList<>();
    for (PresenceInterval interval : intervals) {
      live.add(interval.open() ? interval.endingAt(OPEN_END) : interval);
    }
    return live;
  }
}
