package io.callpulse.jobs.functions;

import io.callpulse.jobs.analytics.UserEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One user's events in a channel, sorted by clientSeq: the value of the per-user MapState entry,
 * stored by {@link UserLogSerializer}.
 */
@TypeInfo(UserLogSerializer.Factory.class)
public record UserLog(UserEvent[] events) {

  public static UserLog empty() {
    return new UserLog(new UserEvent[0]);
  }

  /** Whether an event with this clientSeq is stored, and of which type (0 if none). */
  public int typeAt(long clientSeq) {
    for (UserEvent event : events) {
      if (event.clientSeq() == clientSeq) {
        return event.eventType();
      }
    }
    return 0;
  }

  public UserLog with(UserEvent event) {
    UserEvent[] next = Arrays.copyOf(events, events.length + 1);
    next[events.length] = event;
    Arrays.sort(next, UserEvent::compareBySeq);
    return new UserLog(next);
  }

  public UserLog without(List<UserEvent> removed) {
    List<UserEvent> kept = new ArrayList<>(Arrays.asList(events));
    kept.removeAll(removed);
    return new UserLog(kept.toArray(UserEvent[]::new));
  }

  public List<UserEvent> asList() {
    return List.of(events);
  }

  /**
   * Whether a session looks open for a role change (the arrival-time view for the outcome row; the
   * figures are re-derived from the whole set): the user's previous event is a join or a role
   * change and no 102 lies between the two.
   */
  public boolean looksInSession(long clientSeq, long ts, long[] destroys) {
    UserEvent previous = null;
    for (UserEvent event : events) {
      if (Long.compareUnsigned(event.clientSeq(), clientSeq) < 0) {
        previous = event;
      }
    }
    if (previous == null || previous.type().isLeave()) {
      return false;
    }
    for (long destroy : destroys) {
      if (destroy >= previous.ts() && destroy <= ts) {
        return false;
      }
    }
    return true;
  }
}
