package io.callpulse.jobs.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callpulse.jobs.records.DailyUsageInput;
import io.callpulse.jobs.records.OutboundNotification;
import io.callpulse.model.OutboundEventIds;
import io.callpulse.model.Role;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * The figures of one app's final day, summed over its daily rows: seconds and the host/audience
 * split from {@code daily_channel_usage}, distinct users from {@code daily_user_usage} (a user in
 * several channels counts once), distinct channels with usage.
 */
final class DailyUsageFigures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalDate day;
  private long seconds;
  private long hostSeconds;
  private long audienceSeconds;
  private final Set<Long> users = new HashSet<>();
  private final Set<String> channels = new HashSet<>();

  DailyUsageFigures(LocalDate day) {
    this.day = day;
  }

  void add(DailyUsageInput row) {
    if (row.seconds() <= 0) {
      return;
    }
    if (DailyUsageInput.USER_ROW.equals(row.kind())) {
      users.add(row.uid());
      return;
    }
    seconds += row.seconds();
    if (Role.HOST.wireName().equals(row.role())) {
      hostSeconds += row.seconds();
    } else {
      audienceSeconds += row.seconds();
    }
    channels.add(row.channelName());
  }

  /** {@code usage.daily.final}, id keyed by the ISO day, occurred at the end of the day. */
  OutboundNotification notification(String appId, long endOfDay) {
    ObjectNode data = JSON.createObjectNode();
    data.put("day", day.toString());
    data.put("seconds", seconds);
    data.put("hostSeconds", hostSeconds);
    data.put("audienceSeconds", audienceSeconds);
    data.put("users", users.size());
    data.put("channels", channels.size());
    String type = OutboundEventIds.USAGE_DAILY_FINAL;
    return new OutboundNotification(
        appId, OutboundEventIds.of(type, appId, day.toString()), type, endOfDay, data.toString());
  }
}
