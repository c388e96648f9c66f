package io.callpulse.notifier.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic event ids: the same fact always gets the same id, so a producer that replays (a
 * Flink job restored from a checkpoint) emits ids the receivers already saw and dedupe on.
 *
 * <p>id = {@code "evt_"} + the first 16 bytes, lowercase hex, of SHA-256 over the UTF-8 of the
 * type's wire name, the app id and the content key parts, joined by {@code '\n'} (none of them can
 * contain a newline: Agora channel names and app ids cannot). The content key per type is in the
 * module README.
 */
public final class EventIds {

  private EventIds() {}

  public static String of(EventType type, String appId, String... keyParts) {
    StringBuilder key = new StringBuilder(type.wireName()).append('\n').append(appId);
    for (String part : keyParts) {
      if (part.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("an event key part cannot contain a newline");
      }
      key.append('\n').append(part);
    }
    return "evt_" + HexFormat.of().formatHex(sha256(key.toString()), 0, 16);
  }

  /** appId/channelName/epochId. */
  public static String channelEpochClosed(String appId, String channelName, String epochId) {
    return of(EventType.CHANNEL_EPOCH_CLOSED, appId, channelName, epochId);
  }

  /** appId/channelName/epochId/sessionId. */
  public static String userSessionClosed(
      String appId, String channelName, String epochId, String sessionId) {
    return of(EventType.USER_SESSION_CLOSED, appId, channelName, epochId, sessionId);
  }

  /** appId/day (ISO date, UTC). */
  public static String usageDailyFinal(String appId, String isoDay) {
    return of(EventType.USAGE_DAILY_FINAL, appId, isoDay);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
