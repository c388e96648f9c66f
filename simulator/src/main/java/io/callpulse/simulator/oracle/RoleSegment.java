package io.callpulse.simulator.oracle;

import io.callpulse.model.Role;

/** A stretch [from, to) of one presence interval spent in one role. Seconds are Unix seconds. */
public record RoleSegment(long from, long to, Role role) {
  public long seconds() {
    return to - from;
  }
}
