package io.callpulse.gateway;

import java.util.Locale;

/** How a webhook request ended: the status it got and the label it is counted under. */
public enum Outcome {
  ACCEPTED(200, null),
  HEALTH_CHECK(200, null),
  INVALID_FIELD(400, "invalid_field"),
  UNAUTHORIZED(401, "unauthorized"),
  FORBIDDEN(403, "forbidden"),
  UNKNOWN_APP(404, "unknown_app"),
  UNKNOWN_SOURCE(404, "unknown_source"),
  TOO_LARGE(413, "payload_too_large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
  RATE_LIMITED(429, "rate_limited"),
  UNAVAILABLE(503, "unavailable");

  private final int status;
  private final String error;

  Outcome(int status, String error) {
    this.status = status;
    this.error = error;
  }

  public int status() {
    return status;
  }

  /** The stable {@code error} code of the JSON body; null for 200. */
  public String error() {
    return error;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
