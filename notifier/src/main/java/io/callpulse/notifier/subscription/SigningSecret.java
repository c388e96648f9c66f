package io.callpulse.notifier.subscription;

import java.util.Base64;

/** A Standard Webhooks secret: {@code whsec_} followed by the base64 of the HMAC key bytes. */
public final class SigningSecret {

  public static final String PREFIX = "whsec_";

  private SigningSecret() {}

  /** The key bytes, or an exception that never quotes the secret. */
  public static byte[] parse(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a secret must start with " + PREFIX);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a secret must be " + PREFIX + "<base64>");
    }
    if (key.length < 16 || key.length > 64) {
      throw new IllegalArgumentException("a secret must hold 16 to 64 bytes, got " + key.length);
    }
    return key;
  }
}
