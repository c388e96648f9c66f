package io.callpulse.simulator.delivery;

import io.callpulse.simulator.timeline.TrueSession;
import io.vertx.core.json.JsonObject;

/**
 * The {@code payload} objects of the RTC events, field by field as agora-ncs.md §2 lists them and
 * in the order Agora's samples show. clientType appears only on platform 6 and only in the live
 * profile events; account only where Agora documents it.
 */
final class NoticePayloads {
  private NoticePayloads() {}

  static JsonObject of(TrueEvent event) {
    JsonObject payload = new JsonObject().put("channelName", event.channelName());
    TrueSession session = event.session();
    switch (event.type()) {
      case CHANNEL_CREATED -> payload.put("ts", event.ts());
      case CHANNEL_DESTROYED ->
          payload.put("ts", event.ts()).put("lastUid", event.epoch().lastUids().get(0));
      case BROADCASTER_JOINED, AUDIENCE_JOINED -> {
        user(payload, session, true).put("clientSeq", session.joinSeq()).put("ts", event.ts());
        account(payload, session);
      }
      case BROADCASTER_LEFT, AUDIENCE_LEFT -> {
        user(payload, session, true)
            .put("clientSeq", session.leaveSeq())
            .put("reason", session.leaveReason())
            .put("ts", event.ts())
            .put("duration", session.duration());
        account(payload, session);
      }
      case COMMUNICATION_JOINED ->
          user(payload, session, false).put("clientSeq", session.joinSeq()).put("ts", event.ts());
      case COMMUNICATION_LEFT ->
          user(payload, session, false)
              .put("clientSeq", session.leaveSeq())
              .put("reason", session.leaveReason())
              .put("ts", event.ts())
              .put("duration", session.duration());
      case ROLE_TO_BROADCASTER, ROLE_TO_AUDIENCE -> {
        payload
            .put("uid", session.uid())
            .put("clientSeq", event.roleChange().clientSeq())
            .put("ts", event.ts());
        account(payload, session);
      }
    }
    return payload;
  }

  static JsonObject destroy(String channelName, long ts, long lastUid) {
    return new JsonObject().put("channelName", channelName).put("ts", ts).put("lastUid", lastUid);
  }

  private static JsonObject user(JsonObject payload, TrueSession session, boolean clientType) {
    payload.put("uid", session.uid()).put("platform", session.platform());
    if (clientType && session.clientType() != null) {
      payload.put("clientType", session.clientType());
    }
    return payload;
  }

  private static void account(JsonObject payload, TrueSession session) {
    if (session.account() != null) {
      payload.put("account", session.account());
    }
  }
}
