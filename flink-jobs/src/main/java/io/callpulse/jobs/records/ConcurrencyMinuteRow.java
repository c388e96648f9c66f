package io.callpulse.jobs.records;

/**
 * A row of {@code channel_concurrency_minute}; {@code minute} is the minute's first Unix second.
 */
public record ConcurrencyMinuteRow(
    String appId,
    String channelName,
    String epochId,
    long minute,
    int maxUsers,
    int maxHosts,
    int maxAudiences,
    long version,
    boolean isDeleted)
    implements VersionedRow {
  public static final String TAG = "M";

  @Override
  public String rowKey() {
    return RowKeys.join(TAG, epochId, Long.toString(minute));
  }

  @Override
  public ConcurrencyMinuteRow withVersion(long newVersion) {
    return new ConcurrencyMinuteRow(
        appId,
        channelName,
        epochId,
        minute,
        maxUsers,
        maxHosts,
        maxAudiences,
        newVersion,
        isDeleted);
  }

  static ConcurrencyMinuteRow deleted(String appId, String channel, String[] key, long version) {
    return new ConcurrencyMinuteRow(
        appId, channel, key[1], Long.parseLong(key[2]), 0, 0, 0, version, true);
  }
}
