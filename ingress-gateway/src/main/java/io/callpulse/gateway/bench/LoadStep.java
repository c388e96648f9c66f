package io.callpulse.gateway.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * One open-loop step: requests are scheduled at a fixed rate whatever the server does; latency is
 * taken from the scheduled time. A request that would exceed the in-flight cap is counted as
 * skipped (an error for the verdict) rather than queued without bound.
 */
final class LoadStep {
  private static final long TICK_MS = 1;
  private static final int MAX_IN_FLIGHT = 10_000;

  private LoadStep() {}

  static StepResult run(
      Vertx clientVertx,
      WebClient client,
      int port,
      String path,
      List<NcsTraffic.SignedRequest> pool,
      int ratePerSecond,
      int seconds) {
    Context context = clientVertx.getOrCreateContext();
    Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong skipped = new AtomicLong();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicLong sent = new AtomicLong();
    long total = (long) ratePerSecond * seconds;
    long start = System.nanoTime();
    long intervalNanos = 1_000_000_000L / ratePerSecond;
    CompletableFuture<Void> finished = new CompletableFuture<>();
    context.runOnContext(
        v -> {
          long timer =
              context
                  .owner()
                  .setPeriodic(
                      TICK_MS,
                      id -> {
                        long due = Math.min(total, (System.nanoTime() - start) / intervalNanos + 1);
                        while (sent.get() < due) {
                          long n = sent.getAndIncrement();
                          long scheduled = start + n * intervalNanos;
                          if (inFlight.get() >= MAX_IN_FLIGHT) {
                            skipped.incrementAndGet();
                            continue;
                          }
                          NcsTraffic.SignedRequest request = pool.get((int) (n % pool.size()));
                          inFlight.incrementAndGet();
                          client
                              .post(port, "127.0.0.1", path)
                              .putHeaders(request.headers())
                              .sendBuffer(request.body())
                              .onComplete(
                                  result -> {
                                    inFlight.decrementAndGet();
                                    recorder.recordValue(
                                        Math.max(0, System.nanoTime() - scheduled));
                                    if (result.succeeded() && result.result().statusCode() == 200) {
                                      ok.incrementAndGet();
                                    } else {
                                      errors.incrementAndGet();
                                    }
                                  });
                        }
                        if (sent.get() >= total) {
                          context.owner().cancelTimer(id);
                          finished.complete(null);
                        }
                      });
          finished.whenComplete((x, e) -> context.owner().cancelTimer(timer));
        });
    finished.join();
    long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
      sleep(10);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    var histogram = recorder.getIntervalHistogram();
    return new StepResult(
        ratePerSecond,
        ok.get() / elapsed,
        ok.get(),
        errors.get(),
        skipped.get(),
        histogram.getValueAtPercentile(50) / 1e6,
        histogram.getValueAtPercentile(99) / 1e6,
        histogram.getValueAtPercentile(99.9) / 1e6,
        histogram.getMaxValue() / 1e6);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
