package io.callpulse.notifier.delivery;

import io.callpulse.notifier.config.DeliverySettings;
import io.callpulse.notifier.event.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When to try again: the configured delays, each shortened by up to {@code jitter} (so a recovered
 * endpoint is not hit by every retry at once, and a retry never lands in a later tier than its
 * nominal delay), lengthened to the endpoint's Retry-After when that asks for more.
 */
public final class BackoffPolicy {

  private final List<Long> backoffMs;
  private final double jitter;
  private final long maxRetryAfterMs;
  private final DoubleSupplier random;

  public BackoffPolicy(DeliverySettings settings) {
    this(settings, () -> ThreadLocalRandom.current().nextDouble());
  }

  public BackoffPolicy(DeliverySettings settings, DoubleSupplier random) {
    this.backoffMs = settings.backoffMs();
    this.jitter = settings.jitter();
    this.maxRetryAfterMs = settings.maxRetryAfterMs();
    this.random = random;
    if (backoffMs.isEmpty()) {
      throw new IllegalArgumentException("delivery.backoffMs needs at least one delay");
    }
  }

  /** True when the attempt about to be recorded was the last of its run. */
  public boolean isLast(Delivery delivery) {
    return delivery.attemptsInRun() >= backoffMs.size() + 1;
  }

  /** The wait after the {@code attemptsInRun}-th attempt of a run failed. */
  public Duration delayAfter(int attemptsInRun, Optional<Duration> retryAfter) {
    long base = backoffMs.get(Math.min(attemptsInRun, backoffMs.size()) - 1);
    long delay = Math.round(base * (1 - jitter * random.getAsDouble()));
    if (retryAfter.isPresent()) {
      delay = Math.max(delay, Math.min(retryAfter.get().toMillis(), maxRetryAfterMs));
    }
    return Duration.ofMillis(delay);
  }

  /**
   * The retry tier (1-based) for a wait: the first whose nominal delay covers it, else the last.
   */
  public int tierFor(Duration delay) {
    for (int i = 0; i < backoffMs.size(); i++) {
      if (backoffMs.get(i) >= delay.toMillis()) {
        return i + 1;
      }
    }
    return backoffMs.size();
  }

  public int tiers() {
    return backoffMs.size();
  }
}
