package io.callpulse.gateway.web;

import io.callpulse.gateway.config.RateLimit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One Bucket4j token bucket per app (or source). Keys are bounded labels, so unknown ids in an open
 * registry share the "other" bucket instead of growing the map.
 */
public final class RateLimiters {
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * Takes one token.
   *
   * @return 0 when the request may go on, otherwise the whole seconds to wait (for Retry-After)
   */
  public long tryAcquire(String key, RateLimit limit) {
    if (limit.unlimited()) {
      return 0;
    }
    Bucket bucket = buckets.computeIfAbsent(key, k -> newBucket(limit));
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return 0;
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L);
    return Math.max(1, seconds);
  }

  private static Bucket newBucket(RateLimit limit) {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(Math.max(limit.burst(), 1))
                .refillGreedy(limit.perSecond(), Duration.ofSeconds(1))
                .build())
        .build();
  }
}
