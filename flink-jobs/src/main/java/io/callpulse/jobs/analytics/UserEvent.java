package io.callpulse.jobs.analytics;

import io.callpulse.model.NcsEvent;
import io.callpulse.model.RtcEventType;

/**
 * One user event of a channel as the analytics keep it: only the fields the rules and the session
 * rows need, so a channel's state stays small. A record of boxed fields, serialized by Flink's
 * PojoSerializer (no Kryo); absent optional fields stay null.
 *
 * @param clientSeq Agora's unsigned 64-bit per-user counter (compare with Long.compareUnsigned)
 */
public record UserEvent(
    int eventType,
    long clientSeq,
    long ts,
    Long duration,
    Integer platform,
    Integer clientType,
    Integer reason,
    String account,
    String sid) {

  public static UserEvent of(NcsEvent event) {
    return new UserEvent(
        event.eventType(),
        event.clientSeq(),
        event.ts(),
        event.duration(),
        event.platform(),
        event.clientType(),
        event.reason(),
        event.account(),
        event.sid());
  }

  public RtcEventType type() {
    RtcEventType type = RtcEventType.byCode(eventType);
    if (type == null) { // the deduplicator lets only RTC channel events through
      throw new IllegalStateException("not an RTC channel event type: " + eventType);
    }
    return type;
  }

  /**
   * Where this event's evidence of presence starts: a leave with a duration proves presence since
   * {@code ts - duration}, everything else only at {@code ts}.
   */
  public long evidenceStart() {
    return type().isLeave() && duration != null ? ts - duration : ts;
  }

  public static int compareBySeq(UserEvent a, UserEvent b) {
    return Long.compareUnsigned(a.clientSeq, b.clientSeq);
  }
}
