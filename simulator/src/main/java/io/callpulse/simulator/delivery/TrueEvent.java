package io.callpulse.simulator.delivery;

import io.callpulse.model.RtcEventType;
import io.callpulse.simulator.timeline.RoleChange;
import io.callpulse.simulator.timeline.TrueEpoch;
import io.callpulse.simulator.timeline.TrueSession;

/**
 * One RTC event Agora's servers observed, before any delivery: what the notification reports.
 *
 * @param key stable name in the timeline ({@code <session key>/join}, {@code <epoch key>/destroy},
 *     …), used to say which events were lost
 * @param session null for 101/102
 * @param roleChange only for 111/112
 */
public record TrueEvent(
    String key,
    String appId,
    String channelName,
    RtcEventType type,
    long ts,
    TrueEpoch epoch,
    TrueSession session,
    RoleChange roleChange) {

  public boolean isJoin() {
    return type.isJoin();
  }

  public boolean isLeave() {
    return type.isLeave();
  }
}
