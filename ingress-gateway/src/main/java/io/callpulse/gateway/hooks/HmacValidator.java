package io.callpulse.gateway.hooks;

import io.callpulse.gateway.config.ValidatorSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * HMAC of the raw body in a header, hex or base64, with an optional prefix such as GitHub's {@code
 * sha256=}. Every configured secret is tried (rotation), in constant time.
 */
final class HmacValidator implements HookValidator {
  private final ValidatorSpec.Hmac spec;

  HmacValidator(ValidatorSpec.Hmac spec) {
    this.spec = spec;
  }

  @Override
  public Refusal check(HookRequest request) {
    String value = request.header(spec.header());
    if (value == null || value.isBlank()) {
      return Refusal.unauthorized("missing " + spec.header() + " header");
    }
    value = value.trim();
    if (!spec.prefix().isEmpty()) {
      if (!value.regionMatches(true, 0, spec.prefix(), 0, spec.prefix().length())) {
        return Refusal.unauthorized(spec.header() + " must start with " + spec.prefix());
      }
      value = value.substring(spec.prefix().length());
    }
    byte[] presented = decode(value);
    if (presented == null) {
      return Refusal.unauthorized(
          spec.header() + " is not " + spec.encoding().name().toLowerCase(Locale.ROOT));
    }
    boolean matched = false;
    for (String secret : spec.secrets()) {
      byte[] expected =
          Secrets.hmac(
              spec.algorithm().jcaName, secret.getBytes(StandardCharsets.UTF_8), request.body());
      matched |= MessageDigest.isEqual(expected, presented);
    }
    return matched ? null : Refusal.unauthorized("signature does not match the body");
  }

  private byte[] decode(String value) {
    try {
      return switch (spec.encoding()) {
        case HEX -> HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT));
        case BASE64 -> Base64.getDecoder().decode(value);
      };
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public String type() {
    return spec.type();
  }
}
