package io.callpulse.gateway.hooks;

import io.callpulse.gateway.config.ValidatorSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks (standardwebhooks.com) verification: HMAC-SHA256 over {@code
 * id.timestamp.body}, key = base64 of the {@code whsec_} secret, header {@code webhook-signature} =
 * space-separated {@code v1,<base64>} entries, timestamp within the tolerance (replay window).
 *
 * <p>Written here because {@code com.standardwebhooks:standardwebhooks:1.0.0} on Maven Central
 * ships no classes.
 */
final class StandardWebhooksValidator implements HookValidator {
  static final String ID = "webhook-id";
  static final String TIMESTAMP = "webhook-timestamp";
  static final String SIGNATURE = "webhook-signature";

  private final List<byte[]> keys = new ArrayList<>();
  private final long toleranceSeconds;
  private final Clock clock;

  StandardWebhooksValidator(ValidatorSpec.StandardWebhooks spec, Clock clock) {
    for (String secret : spec.secrets()) {
      keys.add(key(secret));
    }
    this.toleranceSeconds = spec.toleranceSeconds();
    this.clock = clock;
  }

  static byte[] key(String secret) {
    return Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
  }

  /** {@code v1,<base64>} for this message: what a sender puts in {@code webhook-signature}. */
  static String sign(byte[] key, String id, long timestamp, byte[] body) {
    return "v1,"
        + Base64.getEncoder()
            .encodeToString(Secrets.hmac("HmacSHA256", key, content(id, timestamp, body)));
  }

  private static byte[] content(String id, long timestamp, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
    out.writeBytes((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    return out.toByteArray();
  }

  @Override
  public Refusal check(HookRequest request) {
    String id = request.header(ID);
    String timestamp = request.header(TIMESTAMP);
    String signatures = request.header(SIGNATURE);
    if (id == null || timestamp == null || signatures == null) {
      return Refusal.unauthorized("missing webhook-id, webhook-timestamp or webhook-signature");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return Refusal.unauthorized("webhook-timestamp is not Unix seconds");
    }
    long now = clock.millis() / 1000;
    if (Math.abs(now - seconds) > toleranceSeconds) {
      return Refusal.unauthorized("webhook-timestamp is outside the tolerance");
    }
    boolean matched = false;
    for (byte[] key : keys) {
      byte[] expected =
          sign(key, id, seconds, request.body()).substring(3).getBytes(StandardCharsets.US_ASCII);
      for (String entry : signatures.trim().split(" +")) {
        if (entry.startsWith("v1,")) {
          matched |=
              MessageDigest.isEqual(
                  expected, entry.substring(3).getBytes(StandardCharsets.US_ASCII));
        }
      }
    }
    return matched ? null : Refusal.unauthorized("webhook-signature does not match");
  }

  @Override
  public String type() {
    return "standard-webhooks";
  }
}
