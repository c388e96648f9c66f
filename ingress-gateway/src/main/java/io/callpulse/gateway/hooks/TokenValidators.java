package io.callpulse.gateway.hooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Shared-secret checks that need no signature: static token header, Bearer, Basic. */
final class TokenValidators {
  private TokenValidators() {}

  static HookValidator staticToken(String header, List<String> tokens) {
    return new HookValidator() {
      @Override
      public Refusal check(HookRequest request) {
        String value = request.header(header);
        if (value == null) {
          return Refusal.unauthorized("missing " + header + " header");
        }
        return Secrets.matchesAny(tokens, value.trim())
            ? null
            : Refusal.unauthorized(header + " does not match");
      }

      @Override
      public String type() {
        return "token";
      }
    };
  }

  static HookValidator bearer(List<String> tokens) {
    return new HookValidator() {
      @Override
      public Refusal check(HookRequest request) {
        String credentials = credentials(request, "bearer");
        if (credentials == null) {
          return Refusal.unauthorized("missing Authorization: Bearer header");
        }
        return Secrets.matchesAny(tokens, credentials)
            ? null
            : Refusal.unauthorized("bearer token does not match");
      }

      @Override
      public String type() {
        return "bearer";
      }
    };
  }

  static HookValidator basic(Map<String, String> users) {
    return new HookValidator() {
      @Override
      public Refusal check(HookRequest request) {
        String credentials = credentials(request, "basic");
        if (credentials == null) {
          return Refusal.unauthorized("missing Authorization: Basic header");
        }
        String decoded;
        try {
          decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return Refusal.unauthorized("Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
          return Refusal.unauthorized("Basic credentials are not user:password");
        }
        String expected = users.get(decoded.substring(0, colon));
        // an unknown user costs the same comparison as a known one
        boolean matched =
            MessageDigest.isEqual(
                (expected == null ? "\u0000unknown" : expected).getBytes(StandardCharsets.UTF_8),
                decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        return matched && expected != null
            ? null
            : Refusal.unauthorized("Basic credentials do not match");
      }

      @Override
      public String type() {
        return "basic";
      }
    };
  }

  /** The credentials of {@code Authorization: <scheme> <credentials>}, scheme case-insensitive. */
  private static String credentials(HookRequest request, String scheme) {
    String authorization = request.header("Authorization");
    if (authorization == null) {
      return null;
    }
    String value = authorization.trim();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(scheme)) {
      return null;
    }
    return value.substring(space + 1).trim();
  }
}
