package io.callpulse.notifier.delivery;

import io.callpulse.notifier.subscription.SigningSecret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature (standardwebhooks.com, v1 symmetric): {@code v1,} + base64 of
 * HMAC-SHA256, keyed with the secret's bytes, over {@code
 * "{webhook-id}.{webhook-timestamp}.{body}"}. Written here because the {@code
 * com.standardwebhooks:standardwebhooks:1.0.0} jar on Maven Central is empty; {@code
 * WebhookSignerTest} checks it against the specification's published example.
 */
public final class WebhookSigner {

  public static final String ID_HEADER = "webhook-id";
  public static final String TIMESTAMP_HEADER = "webhook-timestamp";
  public static final String SIGNATURE_HEADER = "webhook-signature";

  private WebhookSigner() {}

  /** The {@code webhook-signature} value for one request. */
  public static String sign(String secret, String webhookId, long timestampSeconds, byte[] body) {
    return "v1,"
        + Base64.getEncoder().encodeToString(hmac(secret, webhookId, timestampSeconds, body));
  }

  /**
   * True when any {@code v1} signature in the header (space separated) matches any of the secrets:
   * a receiver accepts both secrets while the sender rotates. Constant-time comparison.
   */
  public static boolean verify(
      List<String> secrets, String webhookId, long timestampSeconds, byte[] body, String header) {
    if (header == null) {
      return false;
    }
    for (String secret : secrets) {
      byte[] expected = hmac(secret, webhookId, timestampSeconds, body);
      for (String candidate : header.trim().split(" +")) {
        if (!candidate.startsWith("v1,")) {
          continue;
        }
        byte[] given;
        try {
          given = Base64.getDecoder().decode(candidate.substring(3));
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (MessageDigest.isEqual(expected, given)) {
          return true;
        }
      }
    }
    return false;
  }

  private static byte[] hmac(String secret, String webhookId, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SigningSecret.parse(secret), "HmacSHA256"));
      mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }
}
