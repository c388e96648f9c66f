package io.callpulse.jobs.records;

import java.util.Arrays;

/** A row of {@code channel_epochs}: one channel session and its figures (schema-contract.md). */
public record ChannelEpochRow(
    String appId,
    String channelName,
    String epochId,
    Long createTs,
    Long destroyTs,
    long firstActivity,
    long lastActivity,
    boolean provisional,
    String closedBy,
    long totalSeconds,
    long hostSeconds,
    long audienceSeconds,
    int uniqueUsers,
    int uniqueHosts,
    int uniqueAudiences,
    int roleSwitches,
    int sessions,
    int peakConcurrentUsers,
    Long peakAt,
    int[] clientTypes,
    int[] platforms,
    boolean communicationMode,
    long version,
    boolean isDeleted)
    implements VersionedRow {
  public static final String TAG = "E";

  @Override
  public String rowKey() {
    return RowKeys.join(TAG, epochId);
  }

  @Override
  public ChannelEpochRow withVersion(long newVersion) {
    return new ChannelEpochRow(
        appId,
        channelName,
        epochId,
        createTs,
        destroyTs,
        firstActivity,
        lastActivity,
        provisional,
        closedBy,
        totalSeconds,
        hostSeconds,
        audienceSeconds,
        uniqueUsers,
        uniqueHosts,
        uniqueAudiences,
        roleSwitches,
        sessions,
        peakConcurrentUsers,
        peakAt,
        clientTypes,
        platforms,
        communicationMode,
        newVersion,
        isDeleted);
  }

  static ChannelEpochRow deleted(String appId, String channel, String[] key, long version) {
    return new ChannelEpochRow(
        appId,
        channel,
        key[1],
        null,
        null,
        0,
        0,
        true,
        "open",
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        null,
        new int[0],
        new int[0],
        false,
        version,
        true);
  }

  // Arrays compare by content, so the change detection and tests see values, not identities.
  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelEpochRow other && toString().equals(other.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    return "ChannelEpochRow["
        + appId
        + ","
        + channelName
        + ","
        + epochId
        + ","
        + createTs
        + ","
        + destroyTs
        + ","
        + firstActivity
        + ","
        + lastActivity
        + ","
        + provisional
        + ","
        + closedBy
        + ","
        + totalSeconds
        + ","
        + hostSeconds
        + ","
        + audienceSeconds
        + ","
        + uniqueUsers
        + ","
        + uniqueHosts
        + ","
        + uniqueAudiences
        + ","
        + roleSwitches
        + ","
        + sessions
        + ","
        + peakConcurrentUsers
        + ","
        + peakAt
        + ","
        + Arrays.toString(clientTypes)
        + ","
        + Arrays.toString(platforms)
        + ","
        + communicationMode
        + ","
        + version
        + ","
        + isDeleted
        + "]";
  }
}
