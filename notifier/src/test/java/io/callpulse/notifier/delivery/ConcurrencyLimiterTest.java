package io.callpulse.notifier.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest {

  @Test
  void queuesBeyondThePermitsAndHandsOverInOrder() {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(2);
    Future<Void> a = limiter.acquire();
    Future<Void> b = limiter.acquire();
    Future<Void> c = limiter.acquire();
    Future<Void> d = limiter.acquire();
    assertTrue(a.succeeded() && b.succeeded());
    assertFalse(c.isComplete() || d.isComplete());
    limiter.release();
    assertTrue(c.succeeded());
    assertFalse(d.isComplete());
    assertEquals(2, limiter.inUse());
    limiter.release();
    limiter.release();
    limiter.release();
    assertTrue(d.succeeded());
    assertEquals(0, limiter.inUse());
  }
}
