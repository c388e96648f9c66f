package io.callpulse.notifier.delivery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Queue;

/** At most {@code permits} requests in flight to one endpoint; the others wait in order. */
public final class ConcurrencyLimiter {

  private final int permits;
  private final Queue<Promise<Void>> waiting = new ArrayDeque<>();
  private int inUse;

  public ConcurrencyLimiter(int permits) {
    this.permits = permits;
  }

  /** Completes when a permit is free; call {@link #release()} exactly once afterwards. */
  public Future<Void> acquire() {
    if (inUse < permits) {
      inUse++;
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    waiting.add(promise);
    return promise.future();
  }

  public void release() {
    Promise<Void> next = waiting.poll();
    if (next != null) {
      next.complete();
    } else {
      inUse--;
    }
  }

  public int inUse() {
    return inUse;
  }
}
