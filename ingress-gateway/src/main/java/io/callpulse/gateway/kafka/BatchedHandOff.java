package io.callpulse.gateway.kafka;

import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Items handed from any thread to one consumer running on {@code executor}: the first item of a
 * burst schedules one task there, and that task takes every item that arrived by the time it runs.
 * One cross-thread wake-up per burst instead of one per item.
 */
final class BatchedHandOff<T> {
  private final Executor executor;
  private final Consumer<T> consumer;
  private final Queue<T> items = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicLong bursts = new AtomicLong();

  BatchedHandOff(Executor executor, Consumer<T> consumer) {
    this.executor = executor;
    this.consumer = consumer;
  }

  /**
   * Queues {@code item}; when this starts a burst, schedules the task (the executor's refusal, e.g.
   * while shutting down, propagates and leaves the item queued for {@link #poll()}).
   */
  void add(T item) {
    items.add(item);
    schedule();
  }

  /** Queues all of {@code batch} in its order behind one wake-up at most, as {@link #add} does. */
  void addAll(Collection<T> batch) {
    items.addAll(batch);
    schedule();
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      bursts.incrementAndGet();
      try {
        executor.execute(this::drain);
      } catch (RuntimeException e) {
        scheduled.set(false);
        throw e;
      }
    }
  }

  /** How many tasks were scheduled so far: one per burst. */
  long bursts() {
    return bursts.get();
  }

  /** An item no task took (after the executor stopped), or null. */
  T poll() {
    return items.poll();
  }

  private void drain() {
    do {
      scheduled.set(false);
      T item;
      while ((item = items.poll()) != null) {
        consumer.accept(item);
      }
    } while (!items.isEmpty() && scheduled.compareAndSet(false, true));
  }
}
