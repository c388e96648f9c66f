package io.callpulse.model;

import java.nio.charset.StandardCharsets;

/**
 * The contract between the gateway and the jobs for one Kafka record: the value is the exact raw
 * body Agora sent; these headers carry what only the gateway knows.
 */
public final class IngestHeaders {
  public static final String APP_ID = "cp-app-id";
  public static final String RECEIVED_AT_MS = "cp-received-at-ms";
  public static final String SOURCE_IP = "cp-source-ip";
  public static final String SIGNATURE = "cp-signature";
  public static final String INGEST_ID = "cp-ingest-id";
  public static final String HEALTH_CHECK = "cp-health-check";
  public static final String SOURCE_ID = "cp-source-id";

  /** Values of {@link #SIGNATURE}. */
  public static final String SIGNATURE_V2 = "v2";

  public static final String SIGNATURE_V1 = "v1";
  public static final String SIGNATURE_UNCHECKED = "unchecked";
  public static final String SIGNATURE_ABSENT = "absent";

  private IngestHeaders() {}

  /**
   * Record key: every event of a channel goes to one partition, in the order the gateway received
   * it. Events without a channel (other products) are keyed by app and noticeId to spread them.
   */
  public static byte[] recordKey(String appId, String channelNameOrNull, String noticeId) {
    String key =
        channelNameOrNull != null ? appId + "/" + channelNameOrNull : appId + "#" + noticeId;
    return key.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  public static String string(byte[] value) {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }
}
