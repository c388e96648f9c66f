package io.callpulse.jobs.analytics;

import java.util.List;
import java.util.Map;

/**
 * One channel session (agora-ncs.md §4 rule 7) and the events that belong to it.
 *
 * @param epochId the decimal start second: the 101's ts, or for a provisional epoch its earliest
 *     evidence, so a provisional epoch keeps its id when a 101 of the same second arrives
 * @param createTs null for a provisional epoch (no 101 known)
 * @param destroyTs null while no 102 closed it
 * @param firstActivity earliest evidence of presence (a leave's ts - duration counts)
 * @param lastActivity latest ts of any of its events
 * @param destroysUsed the 102 timestamps merged into this destroy (several 102 are one destroy)
 */
public record ChannelEpoch(
    String epochId,
    Long createTs,
    Long destroyTs,
    long firstActivity,
    long lastActivity,
    Map<Long, List<UserEvent>> events,
    List<Long> destroysUsed) {

  public boolean provisional() {
    return createTs == null;
  }

  /** Where intervals without a leave end (rule 5). */
  public long end() {
    return destroyTs != null ? destroyTs : lastActivity;
  }
}
