package io.callpulse.simulator.delivery;

import io.callpulse.model.Role;
import io.callpulse.model.RtcEventType;
import io.callpulse.simulator.timeline.Profile;
import io.callpulse.simulator.timeline.RoleChange;
import io.callpulse.simulator.timeline.SimApp;
import io.callpulse.simulator.timeline.SimChannel;
import io.callpulse.simulator.timeline.TrueEpoch;
import io.callpulse.simulator.timeline.TrueSession;
import io.callpulse.simulator.timeline.TrueTimeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The RTC events a timeline produces, one per fact, in event-time order. */
public final class TrueEvents {
  private TrueEvents() {}

  public static List<TrueEvent> of(TrueTimeline timeline) {
    List<TrueEvent> events = new ArrayList<>();
    for (SimApp app : timeline.apps()) {
      for (SimChannel channel : app.channels()) {
        for (TrueEpoch epoch : channel.epochs()) {
          addEpoch(events, channel, epoch);
        }
      }
    }
    return events;
  }

  private static void addEpoch(List<TrueEvent> out, SimChannel channel, TrueEpoch epoch) {
    List<TrueEvent> events = new ArrayList<>();
    events.add(
        event(
            epoch.createKey(),
            channel,
            RtcEventType.CHANNEL_CREATED,
            epoch.createTs(),
            epoch,
            null,
            null));
    for (TrueSession session : epoch.sessions()) {
      events.add(
          event(
              session.joinKey(),
              channel,
              joinType(channel.profile(), session.joinRole()),
              session.joinTs(),
              epoch,
              session,
              null));
      for (int i = 0; i < session.roleChanges().size(); i++) {
        RoleChange change = session.roleChanges().get(i);
        RtcEventType type =
            change.role() == Role.HOST
                ? RtcEventType.ROLE_TO_BROADCASTER
                : RtcEventType.ROLE_TO_AUDIENCE;
        events.add(event(session.roleKey(i), channel, type, change.ts(), epoch, session, change));
      }
      events.add(
          event(
              session.leaveKey(),
              channel,
              leaveType(channel.profile(), session.leaveRole()),
              session.leaveTs(),
              epoch,
              session,
              null));
    }
    events.add(
        event(
            epoch.destroyKey(),
            channel,
            RtcEventType.CHANNEL_DESTROYED,
            epoch.destroyTs(),
            epoch,
            null,
            null));
    // Stable sort: at equal seconds 101 stays first and 102 last.
    events.sort(Comparator.comparingLong(TrueEvent::ts));
    out.addAll(events);
  }

  private static TrueEvent event(
      String key,
      SimChannel channel,
      RtcEventType type,
      long ts,
      TrueEpoch epoch,
      TrueSession session,
      RoleChange change) {
    return new TrueEvent(key, channel.appId(), channel.name(), type, ts, epoch, session, change);
  }

  static RtcEventType joinType(Profile profile, Role role) {
    if (profile == Profile.COMMUNICATION) {
      return RtcEventType.COMMUNICATION_JOINED;
    }
    return role == Role.HOST ? RtcEventType.BROADCASTER_JOINED : RtcEventType.AUDIENCE_JOINED;
  }

  static RtcEventType leaveType(Profile profile, Role role) {
    if (profile == Profile.COMMUNICATION) {
      return RtcEventType.COMMUNICATION_LEFT;
    }
    return role == Role.HOST ? RtcEventType.BROADCASTER_LEFT : RtcEventType.AUDIENCE_LEFT;
  }
}
