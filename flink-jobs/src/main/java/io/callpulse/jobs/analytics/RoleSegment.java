package io.callpulse.jobs.analytics;

import io.callpulse.model.Role;

/** A stretch [from, to) of one presence interval during which the user held one role. */
public record RoleSegment(long from, long to, Role role) {
  public long seconds() {
    return Math.max(0, to - from);
  }
}
