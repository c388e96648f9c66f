package io.callpulse.jobs.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callpulse.jobs.records.ChannelEpochRow;
import io.callpulse.jobs.records.OutboundNotification;
import io.callpulse.jobs.records.UserSessionRow;
import io.callpulse.jobs.records.VersionedRow;
import io.callpulse.model.OutboundEventIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notifications of an epoch that became final (its state is dropped, its rows cannot change any
 * more): one {@code channel.epoch.closed} and one {@code user.session.closed} per session. Only
 * final epochs notify, so a partner never sees figures that are later revised.
 */
final class FinalEpochNotifications {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FinalEpochNotifications() {}

  static List<OutboundNotification> of(List<VersionedRow> rows) {
    List<OutboundNotification> notifications = new ArrayList<>();
    for (VersionedRow row : rows) {
      if (row instanceof ChannelEpochRow epoch) {
        notifications.add(epochClosed(epoch));
      } else if (row instanceof UserSessionRow session) {
        notifications.add(sessionClosed(session));
      }
    }
    return notifications;
  }

  private static OutboundNotification epochClosed(ChannelEpochRow epoch) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("channelName", epoch.channelName());
    data.put("epochId", epoch.epochId());
    data.put("createTs", epoch.createTs());
    data.put("destroyTs", epoch.destroyTs());
    data.put("provisional", epoch.provisional());
    data.put("closedBy", epoch.closedBy());
    data.put("totalSeconds", epoch.totalSeconds());
    data.put("hostSeconds", epoch.hostSeconds());
    data.put("audienceSeconds", epoch.audienceSeconds());
    data.put("uniqueUsers", epoch.uniqueUsers());
    data.put("sessions", epoch.sessions());
    data.put("roleSwitches", epoch.roleSwitches());
    data.put("peakConcurrentUsers", epoch.peakConcurrentUsers());
    data.put("peakAt", epoch.peakAt());
    String type = OutboundEventIds.CHANNEL_EPOCH_CLOSED;
    return new OutboundNotification(
        epoch.appId(),
        OutboundEventIds.of(type, epoch.appId(), epoch.channelName(), epoch.epochId()),
        type,
        epoch.destroyTs() != null ? epoch.destroyTs() : epoch.lastActivity(),
        write(data));
  }

  private static OutboundNotification sessionClosed(UserSessionRow session) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("channelName", session.channelName());
    data.put("epochId", session.epochId());
    data.put("sessionId", session.sessionId());
    data.put("uid", session.uid());
    data.put("joinTs", session.joinTs());
    data.put("leaveTs", session.leaveTs());
    data.put("seconds", session.seconds());
    data.put("hostSeconds", session.hostSeconds());
    data.put("audienceSeconds", session.audienceSeconds());
    data.put("roleSwitches", session.roleSwitches());
    data.put("leaveReason", session.leaveReason());
    data.put("inferred", session.inferred());
    data.put("estimated", session.estimated());
    String type = OutboundEventIds.USER_SESSION_CLOSED;
    return new OutboundNotification(
        session.appId(),
        OutboundEventIds.of(
            type, session.appId(), session.channelName(), session.epochId(), session.sessionId()),
        type,
        session.leaveTs() != null ? session.leaveTs() : session.joinTs() + session.seconds(),
        write(data));
  }

  private static String write(Map<String, Object> data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("numbers and strings always serialize", e);
    }
  }
}
