package io.callpulse.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic ids of the outbound notifications (topic {@code callpulse.notifications}): the same
 * fact always gets the same id, so the analytics job restored from a checkpoint emits ids the
 * receivers already saw and dedupe on. Shared by the job that produces them and the notifier.
 *
 * <p>id = {@code "evt_"} + the first 16 bytes, lowercase hex, of SHA-256 over the UTF-8 of the
 * type's wire name, the app id and the content key parts, joined by {@code '\n'} (none of them can
 * contain a newline: Agora channel names and app ids cannot).
 */
public final class OutboundEventIds {
  public static final String CHANNEL_EPOCH_CLOSED = "channel.epoch.closed";
  public static final String USER_SESSION_CLOSED = "user.session.closed";
  public static final String USAGE_DAILY_FINAL = "usage.daily.final";

  private OutboundEventIds() {}

  public static String of(String wireType, String appId, String... keyParts) {
    StringBuilder key = new StringBuilder(wireType).append('\n').append(appId);
    for (String part : keyParts) {
      if (part.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("an event key part cannot contain a newline");
      }
      key.append('\n').append(part);
    }
    return "evt_" + HexFormat.of().formatHex(sha256(key.toString()), 0, 16);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
