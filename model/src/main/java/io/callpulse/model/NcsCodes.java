package io.callpulse.model;

import java.util.Map;

/**
 * Agora's code tables in one place (agora-ncs.md §1–§2). Unknown values are kept raw everywhere;
 * these names are for display only.
 */
public final class NcsCodes {
  public static final int PRODUCT_RTC = 1;

  /** The console's "test webhook" button sends this channel; it never counts as usage. */
  public static final String HEALTH_CHECK_CHANNEL = "test_webhook";

  public static final long HEALTH_CHECK_UID = 12121212L;

  public static final Map<Integer, String> PRODUCTS =
      Map.of(
          1, "RTC",
          3, "Cloud Recording",
          4, "Media Pull",
          5, "Media Push",
          7, "Broadcast Streaming",
          17, "Conversational AI",
          20, "Real-time STT");

  public static final Map<Integer, String> PLATFORMS =
      Map.of(0, "Other", 1, "Android", 2, "iOS", 5, "Windows", 6, "Linux", 7, "Web", 8, "macOS");

  /** 3, 8 and 10 are documented; the rest were seen in the field (UNCONFIRMED by Agora). */
  public static final Map<Integer, String> CLIENT_TYPES =
      Map.ofEntries(
          Map.entry(3, "Local Recording"),
          Map.entry(8, "Applets"),
          Map.entry(10, "Cloud Recording"),
          Map.entry(28, "Media Pull"),
          Map.entry(30, "Media Push"),
          Map.entry(43, "Media Relay"),
          Map.entry(47, "STT PubBot"),
          Map.entry(48, "STT SubBot"),
          Map.entry(50, "Media Gateway"),
          Map.entry(60, "Conversational AI"),
          Map.entry(68, "Real-time STT"));

  public static final Map<Integer, String> LEAVE_REASONS =
      Map.ofEntries(
          Map.entry(0, "other"),
          Map.entry(1, "normal"),
          Map.entry(2, "timeout"),
          Map.entry(3, "kicked"),
          Map.entry(4, "server load balancing"),
          Map.entry(5, "new device"),
          Map.entry(9, "multiple IPs / VPN reconnect"),
          Map.entry(10, "network reconnect"),
          Map.entry(12, "token error"),
          Map.entry(99, "unknown network problem"),
          Map.entry(999, "abnormal churn"));

  private NcsCodes() {}

  public static String productName(int code) {
    return PRODUCTS.getOrDefault(code, "unknown(" + code + ")");
  }

  public static String platformName(Integer code) {
    return code == null ? "none" : PLATFORMS.getOrDefault(code, "unknown(" + code + ")");
  }

  public static String clientTypeName(Integer code) {
    return code == null ? "none" : CLIENT_TYPES.getOrDefault(code, "unknown(" + code + ")");
  }

  public static String leaveReasonName(Integer code) {
    return code == null ? "none" : LEAVE_REASONS.getOrDefault(code, "unknown(" + code + ")");
  }
}
