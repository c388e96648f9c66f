package io.callpulse.jobs.records;

/** A row of {@code channel_concurrency}: users present from {@code ts} until the next step. */
public record ConcurrencyStepRow(
    String appId,
    String channelName,
    String epochId,
    long ts,
    int users,
    int hosts,
    int audiences,
    long version,
    boolean isDeleted)
    implements VersionedRow {
  public static final String TAG = "C";

  @Override
  public String rowKey() {
    return RowKeys.join(TAG, epochId, Long.toString(ts));
  }

  @Override
  public ConcurrencyStepRow withVersion(long newVersion) {
    return new ConcurrencyStepRow(
        appId, channelName, epochId, ts, users, hosts, audiences, newVersion, isDeleted);
  }

  static ConcurrencyStepRow deleted(String appId, String channel, String[] key, long version) {
    return new ConcurrencyStepRow(
        appId, channel, key[1], Long.parseLong(key[2]), 0, 0, 0, version, true);
  }
}
