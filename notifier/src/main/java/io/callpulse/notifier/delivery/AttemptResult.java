package io.callpulse.notifier.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * What one request got.
 *
 * @param status HTTP status, 0 when there was no response (timeout, connection refused, TLS)
 * @param error empty on 2xx; otherwise why, with the start of the response body
 */
public record AttemptResult(
    int status, long latencyMs, String error, Optional<Duration> retryAfter) {

  public static AttemptResult noResponse(long latencyMs, String error) {
    return new AttemptResult(0, latencyMs, error, Optional.empty());
  }

  public boolean delivered() {
    return status >= 200 && status < 300;
  }

  public boolean gone() {
    return status == 410;
  }

  /** Failures that say the endpoint is unwell (as opposed to refusing this one request). */
  public boolean endpointFailure() {
    return status == 0 || status == 429 || status >= 500;
  }
}
