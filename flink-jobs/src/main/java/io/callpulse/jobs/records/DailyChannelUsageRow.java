package io.callpulse.jobs.records;

import java.time.LocalDate;

/** A row of {@code daily_channel_usage}; -1 means an absent platform or client type. */
public record DailyChannelUsageRow(
    String appId,
    int day,
    String channelName,
    String epochId,
    String role,
    int platform,
    int clientType,
    long seconds,
    int users,
    long version,
    boolean isDeleted)
    implements VersionedRow {
  /** The day as a date ({@code day} is days since 1970-01-01, like ClickHouse's Date). */
  public LocalDate date() {
    return LocalDate.ofEpochDay(day);
  }

  public static final String TAG = "D";

  @Override
  public String rowKey() {
    return RowKeys.join(
        TAG,
        epochId,
        Integer.toString(day),
        role,
        Integer.toString(platform),
        Integer.toString(clientType));
  }

  @Override
  public DailyChannelUsageRow withVersion(long newVersion) {
    return new DailyChannelUsageRow(
        appId,
        day,
        channelName,
        epochId,
        role,
        platform,
        clientType,
        seconds,
        users,
        newVersion,
        isDeleted);
  }

  static DailyChannelUsageRow deleted(String appId, String channel, String[] key, long version) {
    return new DailyChannelUsageRow(
        appId,
        Integer.parseInt(key[2]),
        channel,
        key[1],
        key[3],
        Integer.parseInt(key[4]),
        Integer.parseInt(key[5]),
        0,
        0,
        version,
        true);
  }
}
