package io.callpulse.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.gateway.config.RateLimit;
import org.junit.jupiter.api.Test;

class RateLimitersTest {
  @Test
  void burstPassesThenRetryAfterIsAtLeastOneSecond() {
    RateLimiters limiters = new RateLimiters();
    RateLimit limit = new RateLimit(1, 3);
    for (int i = 0; i < 3; i++) {
      assertEquals(0, limiters.tryAcquire("a", limit));
    }
    long wait = limiters.tryAcquire("a", limit);
    assertTrue(wait >= 1 && wait <= 2, "retry after " + wait);
    assertEquals(0, limiters.tryAcquire("b", limit), "another app has its own bucket");
  }

  @Test
  void slowRefillGivesALongerRetryAfter() {
    RateLimiters limiters = new RateLimiters();
    RateLimit limit = new RateLimit(1, 1);
    assertEquals(0, limiters.tryAcquire("a", limit));
    assertEquals(1, limiters.tryAcquire("a", limit));
  }

  @Test
  void unlimitedNeverRefuses() {
    RateLimiters limiters = new RateLimiters();
    for (int i = 0; i < 10_000; i++) {
      assertEquals(0, limiters.tryAcquire("a", RateLimit.UNLIMITED));
    }
  }
}
