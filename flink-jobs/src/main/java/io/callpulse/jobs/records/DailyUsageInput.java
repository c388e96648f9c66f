package io.callpulse.jobs.records;

/**
 * What the per-app daily usage operator consumes, on one stream so that it keeps the channel
 * operator's order: a {@code daily_channel_usage} or {@code daily_user_usage} row (reduced to what
 * the day's figures need), or the mark that an epoch became final, sent after the epoch's last
 * rows.
 *
 * @param kind {@link #CHANNEL_ROW}, {@link #USER_ROW} or {@link #EPOCH_FINAL}
 * @param uid the user of a user row, 0 otherwise
 * @param role {@code host} or {@code audience}; "" for a mark
 * @param finalVersion the row as its epoch became final (sent once more just before the mark)
 */
public record DailyUsageInput(
    String kind,
    String appId,
    String channelName,
    String epochId,
    int day,
    long uid,
    String role,
    long seconds,
    boolean isDeleted,
    boolean finalVersion) {
  public static final String CHANNEL_ROW = "channel";
  public static final String USER_ROW = "user";
  public static final String EPOCH_FINAL = "epoch-final";

  public static DailyUsageInput of(DailyChannelUsageRow row) {
    return new DailyUsageInput(
        CHANNEL_ROW,
        row.appId(),
        row.channelName(),
        row.epochId(),
        row.day(),
        0L,
        row.role(),
        row.seconds(),
        row.isDeleted(),
        false);
  }

  public static DailyUsageInput of(DailyUserUsageRow row) {
    return new DailyUsageInput(
        USER_ROW,
        row.appId(),
        row.channelName(),
        row.epochId(),
        row.day(),
        row.uid(),
        row.role(),
        row.seconds(),
        row.isDeleted(),
        false);
  }

  /** The epoch's rows never change again (it left the channel operator's state). */
  public static DailyUsageInput epochFinal(String appId, String channelName, String epochId) {
    return new DailyUsageInput(
        EPOCH_FINAL, appId, channelName, epochId, 0, 0L, "", 0L, false, false);
  }

  /** This row as its epoch became final. */
  public DailyUsageInput asFinal() {
    return new DailyUsageInput(
        kind, appId, channelName, epochId, day, uid, role, seconds, isDeleted, true);
  }

  public boolean isMark() {
    return EPOCH_FINAL.equals(kind);
  }

  /** The epoch's key within the app. */
  public String epochKey() {
    return channelName + "|" + epochId;
  }
}
