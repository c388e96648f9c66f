package io.callpulse.jobs.records;

/** A row of {@code user_sessions}: one presence interval (schema-contract.md). */
public record UserSessionRow(
    String appId,
    String channelName,
    String epochId,
    String sessionId,
    long uid,
    long joinTs,
    Long leaveTs,
    long seconds,
    long hostSeconds,
    long audienceSeconds,
    int roleSwitches,
    String startRole,
    Integer platform,
    Integer clientType,
    String account,
    String sid,
    Integer leaveReason,
    boolean communicationMode,
    boolean inferred,
    boolean estimated,
    String state,
    long version,
    boolean isDeleted)
    implements VersionedRow {
  public static final String TAG = "S";

  @Override
  public String rowKey() {
    return RowKeys.join(TAG, epochId, sessionId);
  }

  @Override
  public UserSessionRow withVersion(long newVersion) {
    return new UserSessionRow(
        appId,
        channelName,
        epochId,
        sessionId,
        uid,
        joinTs,
        leaveTs,
        seconds,
        hostSeconds,
        audienceSeconds,
        roleSwitches,
        startRole,
        platform,
        clientType,
        account,
        sid,
        leaveReason,
        communicationMode,
        inferred,
        estimated,
        state,
        newVersion,
        isDeleted);
  }

  static UserSessionRow deleted(String appId, String channel, String[] key, long version) {
    String sessionId = key[2];
    long uid = Long.parseLong(sessionId.substring(0, sessionId.indexOf('-')));
    return new UserSessionRow(
        appId, channel, key[1], sessionId, uid, 0, null, 0, 0, 0, 0, "", null, null, null, null,
        null, false, false, false, "closed", version, true);
  }
}
