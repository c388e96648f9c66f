package io.callpulse.jobs.functions;

import io.callpulse.jobs.analytics.UserEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One user's events in a channel, sorted by clientSeq: the value of the per-user MapState entry. An
 * array keeps it a Flink POJO (no Kryo) and compact.
 */
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

  /** Whether a session could be open for a role change at {@code ts} (a join before it). */
  public boolean hasJoinBefore(long clientSeq, long ts) {
    for (UserEvent event : events) {
      if (event.type().isJoin()
          && event.ts() <= ts
          && Long.compareUnsigned(event.clientSeq(), clientSeq) < 0) {
        return true;
      }
    }
    return false;
  }
}
