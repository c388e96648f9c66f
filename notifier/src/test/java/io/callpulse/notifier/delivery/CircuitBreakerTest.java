package io.callpulse.notifier.delivery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  @Test
  void opensAfterConsecutiveFailuresAndReopensOnTheFirstFailureAfter() {
    CircuitBreaker breaker = new CircuitBreaker(3, 1_000);
    breaker.onFailure(0);
    breaker.onFailure(0);
    breaker.onSuccess();
    breaker.onFailure(0);
    breaker.onFailure(0);
    assertTrue(breaker.allows(0), "a success in between resets the count");
    breaker.onFailure(10);
    assertFalse(breaker.allows(10));
    assertFalse(breaker.allows(1_009));
    assertTrue(breaker.allows(1_010));
    breaker.onFailure(1_010);
    assertFalse(breaker.allows(1_011), "half-open: one failure opens it again");
    breaker.onSuccess();
    breaker.onFailure(3_000);
    assertTrue(breaker.allows(3_000), "closed again after a success");
  }
}
