package io.callpulse.jobs.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callpulse.jobs.records.OutboundNotification;
import io.callpulse.model.OutboundEventIds;
import java.time.LocalDate;

/**
 * The figures of one app's final day: seconds and the host/audience split summed over the final
 * {@code daily_channel_usage} rows, distinct users with usage in {@code daily_user_usage} (a user
 * in several channels counts once), distinct channels with usage.
 */
final class DailyUsageFigures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalDate day;
  private final DayTotals totals;
  private final int users;
  private final int channels;

  DailyUsageFigures(LocalDate day, DayTotals totals, int users, int channels) {
    this.day = day;
    this.totals = totals;
    this.users = users;
    this.channels = channels;
  }

  /** {@code usage.daily.final}, id keyed by the ISO day, occurred at the end of the day. */
  OutboundNotification notification(String appId, long endOfDay) {
    ObjectNode data = JSON.createObjectNode();
    data.put("day", day.toString());
    data.put("seconds", totals.seconds());
    data.put("hostSeconds", totals.hostSeconds());
    data.put("audienceSeconds", totals.audienceSeconds());
    data.put("users", users);
    data.put("channels", channels);
    String type = OutboundEventIds.USAGE_DAILY_FINAL;
    return new OutboundNotification(
        appId, OutboundEventIds.of(type, appId, day.toString()), type, endOfDay, data.toString());
  }
}
