package io.callpulse.jobs.bench;

import io.callpulse.model.NcsCodes;
import java.nio.charset.StandardCharsets;

/**
 * One Agora NCS notification as the bench sends it. {@link #body} renders the exact bytes Agora
 * posts (field order of Agora's samples); every string is generated ASCII without quotes or
 * backslashes, so no JSON escaping is needed.
 *
 * <p>Fields that an event type does not carry are null. For other products ({@code productId != 1})
 * only {@code channelName}, {@code uid} and {@code ts} are used, as a Cloud Recording payload.
 */
record NcsNotice(
    String appId,
    int productId,
    int eventType,
    String sid,
    String channelName,
    Long uid,
    Integer platform,
    Integer clientType,
    Long clientSeq,
    Integer reason,
    long ts,
    Long duration,
    String account,
    Long lastUid) {
  /** Agora's productId of Cloud Recording. */
  static final int CLOUD_RECORDING = 3;

  /** A channel's creation (101) or destruction (102, with the last user's uid). */
  static NcsNotice channelEvent(
      String appId, int eventType, String channel, long ts, Long lastUid) {
    return withoutUserDetails(
        appId, NcsCodes.PRODUCT_RTC, eventType, null, channel, null, ts, lastUid);
  }

  /** A user's join, leave or role switch (103-108, 111, 112) in an RTC channel. */
  static NcsNotice userEvent(
      String appId,
      int eventType,
      String sid,
      String channel,
      long uid,
      Integer platform,
      Integer clientType,
      long clientSeq,
      Integer reason,
      long ts,
      Long duration,
      String account) {
    return new NcsNotice(
        appId,
        NcsCodes.PRODUCT_RTC,
        eventType,
        sid,
        channel,
        uid,
        platform,
        clientType,
        clientSeq,
        reason,
        ts,
        duration,
        account,
        null);
  }

  /** The console's "test webhook": a join (107) of a reserved uid to the reserved channel. */
  static NcsNotice consoleHealthCheck(String appId, long ts) {
    return userEvent(
        appId,
        107,
        null,
        NcsCodes.HEALTH_CHECK_CHANNEL,
        NcsCodes.HEALTH_CHECK_UID,
        0,
        null,
        1L,
        null,
        ts,
        null,
        null);
  }

  /** A Cloud Recording notification (40 started, 41 left) about an RTC channel. */
  static NcsNotice cloudRecording(
      String appId, int eventType, String sid, String channel, long uid, long ts) {
    return withoutUserDetails(appId, CLOUD_RECORDING, eventType, sid, channel, uid, ts, null);
  }

  /** A notification with no platform, clientType, clientSeq, reason, duration or account. */
  private static NcsNotice withoutUserDetails(
      String appId,
      int productId,
      int eventType,
      String sid,
      String channel,
      Long uid,
      long ts,
      Long lastUid) {
    return new NcsNotice(
        appId, productId, eventType, sid, channel, uid, null, null, null, null, ts, null, null,
        lastUid);
  }

  /**
   * The channel the gateway keys the record by: other products carry {@code cname}, not {@code
   * channelName}, so the gateway spreads them by noticeId.
   */
  String keyChannel() {
    return productId == NcsCodes.PRODUCT_RTC ? channelName : null;
  }

  boolean healthCheck() {
    return NcsCodes.HEALTH_CHECK_CHANNEL.equals(channelName);
  }

  /**
   * The raw body of one copy: a resend keeps the {@code noticeId} and has its own {@code notifyMs};
   * a redundant copy has a new {@code noticeId} (agora-ncs.md §3).
   */
  byte[] body(String noticeId, long notifyMs) {
    StringBuilder b = new StringBuilder(256);
    b.append("{\"noticeId\":\"").append(noticeId).append('"');
    b.append(",\"productId\":").append(productId);
    b.append(",\"eventType\":").append(eventType);
    b.append(",\"notifyMs\":").append(notifyMs);
    if (sid != null) {
      b.append(",\"sid\":\"").append(sid).append('"');
    }
    b.append(",\"payload\":{");
    if (productId == NcsCodes.PRODUCT_RTC) {
      rtcPayload(b);
    } else {
      recordingPayload(b);
    }
    b.append("}}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void rtcPayload(StringBuilder b) {
    b.append("\"channelName\":\"").append(channelName).append('"');
    field(b, "uid", uid);
    field(b, "platform", platform);
    field(b, "clientType", clientType);
    field(b, "clientSeq", clientSeq);
    field(b, "reason", reason);
    b.append(",\"ts\":").append(ts);
    field(b, "duration", duration);
    if (account != null) {
      b.append(",\"account\":\"").append(account).append('"');
    }
    field(b, "lastUid", lastUid);
  }

  private void recordingPayload(StringBuilder b) {
    b.append("\"cname\":\"").append(channelName).append('"');
    b.append(",\"uid\":\"").append(uid).append('"');
    b.append(",\"sid\":\"").append(sid).append('"');
    b.append(",\"sequence\":").append(eventType == 40 ? 0 : 1);
    b.append(",\"sendts\":").append(ts * 1000);
    b.append(",\"serviceType\":0,\"details\":{\"msgName\":\"")
        .append(eventType == 40 ? "recorder_started" : "recorder_leave")
        .append("\",\"status\":0}");
  }

  private static void field(StringBuilder b, String name, Number value) {
    if (value != null) {
      b.append(",\"").append(name).append("\":").append(value);
    }
  }
}
