package io.callpulse.notifier.config;

import java.util.List;

/**
 * How attempts are made and retried.
 *
 * @param timeoutMs a whole attempt (connect, send, response body) is cut after this
 * @param backoffMs the wait before retry 1, 2, ...; its length + 1 is the number of attempts
 * @param jitter each wait is shortened by a random fraction in [0, jitter) so that endpoints
 *     recovering from an outage are not hit by every retry at once
 * @param maxRetryAfterMs a Retry-After longer than this is capped
 * @param maxConcurrentPerEndpoint requests in flight to one subscription at most
 * @param breakerFailures consecutive failures (no response, timeout, 5xx, 429) that open the
 *     endpoint's circuit
 * @param breakerOpenMs how long an open circuit sends nothing to the endpoint
 */
public record DeliverySettings(
    long timeoutMs,
    List<Long> backoffMs,
    Double jitter,
    long maxRetryAfterMs,
    int maxConcurrentPerEndpoint,
    int breakerFailures,
    long breakerOpenMs) {

  public static final List<Long> DEFAULT_BACKOFF_MS =
      List.of(30_000L, 60_000L, 120_000L, 240_000L, 480_000L);

  public DeliverySettings {
    timeoutMs = timeoutMs == 0 ? 15_000 : timeoutMs;
    jitter = jitter == null ? 0.2 : jitter;
    backoffMs = backoffMs == null ? DEFAULT_BACKOFF_MS : List.copyOf(backoffMs);
    maxRetryAfterMs = maxRetryAfterMs == 0 ? 3_600_000 : maxRetryAfterMs;
    maxConcurrentPerEndpoint = maxConcurrentPerEndpoint == 0 ? 4 : maxConcurrentPerEndpoint;
    breakerFailures = breakerFailures == 0 ? 5 : breakerFailures;
    breakerOpenMs = breakerOpenMs == 0 ? 60_000 : breakerOpenMs;
    if (timeoutMs < 1 || maxRetryAfterMs < 1 || breakerOpenMs < 1) {
      throw new IllegalArgumentException("delivery timeouts must be positive");
    }
    if (backoffMs.stream().anyMatch(ms -> ms == null || ms < 0)) {
      throw new IllegalArgumentException("delivery.backoffMs must be non-negative numbers");
    }
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("delivery.jitter must be in [0, 1), got " + jitter);
    }
    if (maxConcurrentPerEndpoint < 1 || breakerFailures < 1) {
      throw new IllegalArgumentException(
          "delivery.maxConcurrentPerEndpoint and breakerFailures must be at least 1");
    }
  }

  public static DeliverySettings defaults() {
    return new DeliverySettings(0, null, 0.2, 0, 0, 0, 0);
  }

  public int maxAttempts() {
    return backoffMs.size() + 1;
  }
}
