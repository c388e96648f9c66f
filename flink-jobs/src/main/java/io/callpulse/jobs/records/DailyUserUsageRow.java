package io.callpulse.jobs.records;

import java.time.LocalDate;

/** A row of {@code daily_user_usage}; -1 means an absent platform or client type. */
public record DailyUserUsageRow(
    String appId,
    int day,
    long uid,
    String channelName,
    String epochId,
    String role,
    int platform,
    int clientType,
    long seconds,
    int sessions,
    long version,
    boolean isDeleted)
    implements VersionedRow {
  /** The day as a date ({@code day} is days since 1970-01-01, like ClickHouse's Date). */
  public LocalDate date() {
    return LocalDate.ofEpochDay(day);
  }

  public static final String TAG = "U";

  @Override
  public String rowKey() {
    return RowKeys.join(
        TAG,
        epochId,
        Integer.toString(day),
        Long.toString(uid),
        role,
        Integer.toString(platform),
        Integer.toString(clientType));
  }

  @Override
  public DailyUserUsageRow withVersion(long newVersion) {
    return new DailyUserUsageRow(
        appId,
        day,
        uid,
        channelName,
        epochId,
        role,
        platform,
        clientType,
        seconds,
        sessions,
        newVersion,
        isDeleted);
  }

  static DailyUserUsageRow deleted(String appId, String channel, String[] key, long version) {
    return new DailyUserUsageRow(
        appId,
        Integer.parseInt(key[2]),
        Long.parseLong(key[3]),
        channel,
        key[1],
        key[4],
        Integer.parseInt(key[5]),
        Integer.parseInt(key[6]),
        0,
        0,
        version,
        true);
  }
}
