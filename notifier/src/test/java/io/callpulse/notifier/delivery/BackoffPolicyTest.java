package io.callpulse.notifier.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.callpulse.notifier.config.DeliverySettings;
import io.callpulse.notifier.event.Delivery;
import io.callpulse.notifier.event.EventType;
import io.callpulse.notifier.event.OutboundEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

  static final DeliverySettings DEFAULTS = DeliverySettings.defaults();

  @Test
  void defaultsAreThirtySecondsDoublingToEightMinutesWithSixAttempts() {
    BackoffPolicy noJitter = new BackoffPolicy(DEFAULTS, () -> 0.0);
    assertEquals(
        List.of(30L, 60L, 120L, 240L, 480L),
        List.of(1, 2, 3, 4, 5).stream()
            .map(n -> noJitter.delayAfter(n, Optional.empty()).toSeconds())
            .toList());
    assertEquals(6, DEFAULTS.maxAttempts());
    assertEquals(Duration.ofMillis(15_000), Duration.ofMillis(DEFAULTS.timeoutMs()));
  }

  @Test
  void jitterOnlyShortensByUpToItsFraction() {
    BackoffPolicy most = new BackoffPolicy(DEFAULTS, () -> 0.999_999);
    long shortest = most.delayAfter(1, Optional.empty()).toMillis();
    assertTrue(shortest >= 24_000 && shortest <= 30_000, "got " + shortest);
    assertEquals(1, most.tierFor(Duration.ofMillis(shortest)));
  }

  @Test
  void retryAfterLengthensButIsCapped() {
    BackoffPolicy policy = new BackoffPolicy(DEFAULTS, () -> 0.0);
    assertEquals(Duration.ofSeconds(30), policy.delayAfter(1, Optional.of(Duration.ofSeconds(5))));
    assertEquals(
        Duration.ofSeconds(200), policy.delayAfter(1, Optional.of(Duration.ofSeconds(200))));
    assertEquals(Duration.ofHours(1), policy.delayAfter(1, Optional.of(Duration.ofDays(3))));
  }

  @Test
  void tierIsTheFirstWhoseDelayCoversTheWait() {
    BackoffPolicy policy = new BackoffPolicy(DEFAULTS, () -> 0.0);
    assertEquals(1, policy.tierFor(Duration.ZERO));
    assertEquals(1, policy.tierFor(Duration.ofSeconds(30)));
    assertEquals(2, policy.tierFor(Duration.ofSeconds(31)));
    assertEquals(4, policy.tierFor(Duration.ofSeconds(200)));
    assertEquals(5, policy.tierFor(Duration.ofHours(1)));
  }

  @Test
  void theBudgetCountsFromTheRunStart() {
    BackoffPolicy policy = new BackoffPolicy(DEFAULTS, () -> 0.0);
    OutboundEvent event =
        new OutboundEvent(
            "evt_1",
            EventType.USAGE_DAILY_FINAL,
            "app",
            Instant.EPOCH,
            JsonNodeFactory.instance.objectNode());
    assertFalse(policy.isLast(new Delivery(event, "s", 5, 1, Instant.EPOCH)));
    assertTrue(policy.isLast(new Delivery(event, "s", 6, 1, Instant.EPOCH)));
    assertFalse(policy.isLast(new Delivery(event, "s", 10, 7, Instant.EPOCH)), "replayed run");
    assertTrue(policy.isLast(new Delivery(event, "s", 12, 7, Instant.EPOCH)));
  }
}
