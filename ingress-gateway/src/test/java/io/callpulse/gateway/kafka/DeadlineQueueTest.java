package io.callpulse.gateway.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One timer per event loop instead of one per request: nothing expires early, late or twice. */
class DeadlineQueueTest {
  private static final long LIMIT_MS = 200;

  private final EventLoop loop = new DefaultEventLoop();
  private final List<Waiter> expired = new CopyOnWriteArrayList<>();
  private final DeadlineQueue<Waiter> queue =
      new DeadlineQueue<>(loop, LIMIT_MS, w -> w.started, w -> w.settled, this::expire);

  @AfterEach
  void stop() {
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** A request waiting for Kafka: when it started, and whether its answer came. */
  private static final class Waiter {
    final long started = System.nanoTime();
    volatile long expiredAt;
    boolean settled;
  }

  @Test
  void anUnsettledItemExpiresAtItsDeadlineAndNotBefore() throws Exception {
    Waiter waiter = onLoop(this::addWaiter);
    expiredAt(waiter);
    long waitedMs = TimeUnit.NANOSECONDS.toMillis(waiter.expiredAt - waiter.started);
    assertTrue(waitedMs >= LIMIT_MS, "expired after " + waitedMs + " ms");
    assertEquals(List.of(waiter), expired);
    assertEquals(0, (int) onLoop(queue::size));
  }

  @Test
  void settledItemsNeverExpireAndLeaveAtOnce() throws Exception {
    List<Waiter> waiters = onLoop(() -> List.of(addWaiter(), addWaiter(), addWaiter()));
    onLoop(
        () -> {
          waiters.forEach(w -> w.settled = true);
          queue.dropSettled();
          return null;
        });
    assertEquals(0, (int) onLoop(queue::size));
    Thread.sleep(2 * LIMIT_MS);
    assertTrue(expired.isEmpty(), "expired: " + expired.size());
  }

  @Test
  void anItemSettledEarlyWaitsBehindTheOldestAndIsNotExpiredWithIt() throws Exception {
    List<Waiter> waiters = onLoop(() -> List.of(addWaiter(), addWaiter()));
    Waiter oldest = waiters.get(0);
    Waiter answered = waiters.get(1);
    onLoop(
        () -> {
          answered.settled = true;
          queue.dropSettled();
          return null;
        });
    assertEquals(2, (int) onLoop(queue::size), "the answered one waits behind the oldest");
    expiredAt(oldest);
    Thread.sleep(LIMIT_MS / 2);
    assertEquals(List.of(oldest), expired);
    assertEquals(0, (int) onLoop(queue::size));
  }

  @Test
  void aYoungerItemExpiresAtItsOwnDeadlineNotWithTheOldest() throws Exception {
    Waiter first = onLoop(this::addWaiter);
    Thread.sleep(LIMIT_MS / 2);
    Waiter second = onLoop(this::addWaiter);
    expiredAt(first);
    assertEquals(List.of(first), expired, "the younger one is not due yet");
    expiredAt(second);
    long waitedMs = TimeUnit.NANOSECONDS.toMillis(second.expiredAt - second.started);
    assertTrue(waitedMs >= LIMIT_MS, "the second expired after " + waitedMs + " ms");
    assertEquals(List.of(first, second), expired);
  }

  private void expire(Waiter waiter) {
    waiter.expiredAt = System.nanoTime();
    expired.add(waiter);
  }

  private Waiter addWaiter() {
    Waiter waiter = new Waiter();
    queue.add(waiter);
    return waiter;
  }

  private void expiredAt(Waiter waiter) throws InterruptedException {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!expired.contains(waiter) && System.nanoTime() < giveUp) {
      Thread.sleep(1);
    }
    assertTrue(expired.contains(waiter), "never expired");
  }

  private <V> V onLoop(Callable<V> task) throws Exception {
    return loop.submit(task).get(5, TimeUnit.SECONDS);
  }
}
