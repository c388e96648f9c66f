package io.callpulse.simulator.timeline;

import java.util.List;

/**
 * One life of a channel: created (101) when its first user joined, destroyed (102) when its last
 * user left. Between create and destroy at least one user is always present.
 *
 * @param lastUids the users whose leave emptied the channel (several when they left in the same
 *     second)
 */
public record TrueEpoch(
    String key, long createTs, long destroyTs, List<Long> lastUids, List<TrueSession> sessions) {

  public TrueEpoch {
    lastUids = List.copyOf(lastUids);
    sessions = List.copyOf(sessions);
  }

  public String createKey() {
    return key + "/create";
  }

  public String destroyKey() {
    return key + "/destroy";
  }
}
