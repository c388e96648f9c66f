package io.callpulse.jobs.functions;

import io.callpulse.model.Role;

/** The seconds of an app's day summed over the final channel rows received so far. */
public record DayTotals(long seconds, long hostSeconds, long audienceSeconds) {
  public static final DayTotals NONE = new DayTotals(0, 0, 0);

  public DayTotals plus(String role, long moreSeconds) {
    boolean host = Role.HOST.wireName().equals(role);
    return new DayTotals(
        seconds + moreSeconds,
        hostSeconds + (host ? moreSeconds : 0),
        audienceSeconds + (host ? 0 : moreSeconds));
  }
}
