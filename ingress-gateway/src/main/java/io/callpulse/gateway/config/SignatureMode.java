package io.callpulse.gateway.config;

import java.util.Locale;

/** How strictly an app's NCS signatures are enforced. */
public enum SignatureMode {
  /** A valid V2 or V1 signature is needed; anything else is 401. */
  REQUIRED,
  /** A request without signature headers passes (flagged absent); a wrong signature is 401. */
  OPTIONAL,
  /** Signatures are not checked (flagged unchecked): only behind a trusted proxy. */
  OFF;

  static SignatureMode parse(String value, String path) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          path + " must be one of required, optional, off (was '" + value + "')");
    }
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
