package io.callpulse.gateway.bench;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * One open-loop step: requests are scheduled at a fixed rate whatever the server does; latency is
 * taken from the scheduled time, so a request that waited for a free connection counts its wait. A
 * request that would exceed the in-flight cap is counted as skipped (an error for the verdict)
 * rather than queued without bound. All state lives on the target's event loop.
 */
final class LoadStep implements LoadConnection.Listener {
  /**
   * How often due requests are sent. Netty's event loop polls without blocking when its next
   * scheduled task is under a millisecond away, so a 500 us tick kept the generator's thread
   * spinning in selectNow: a third of a core taken from the server it measures on a 2-core box.
   * Latency is still taken from each request's own due time, so the tick adds to it, never hides.
   */
  private static final long TICK_MICROS = 1_000;

  private static final int MAX_IN_FLIGHT = 10_000;
  private static final long DRAIN_SECONDS = 30;

  private final LoadTarget target;
  private final long total;
  private final long intervalNanos;
  private final ArrayDeque<LoadConnection> idle = new ArrayDeque<>();

  /** Numbers of requests that are due and wait for a free connection, oldest first. */
  private final ArrayDeque<Long> waiting = new ArrayDeque<>();

  private final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);

  /** Latency by the second its requests were due in, when a timeline was asked for; else empty. */
  private final Histogram[] bySecond;

  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private long start;
  private long sent;
  private long inFlight;
  private long ok;
  private long errors;
  private long skipped;
  private ScheduledFuture<?> ticker;

  private LoadStep(LoadTarget target, int ratePerSecond, int seconds, boolean timeline) {
    this.target = target;
    this.total = (long) ratePerSecond * seconds;
    this.intervalNanos = 1_000_000_000L / ratePerSecond;
    this.bySecond = new Histogram[timeline ? seconds : 0];
    for (int s = 0; s < bySecond.length; s++) {
      bySecond[s] = new Histogram(TimeUnit.SECONDS.toNanos(60), 2);
    }
  }

  /**
   * Runs one step; with {@code timeline}, the result also has the p99 of each second, which tells a
   * tail spread over the step from one made by a few stalls.
   */
  static StepResult run(LoadTarget target, int ratePerSecond, int seconds, boolean timeline)
      throws InterruptedException {
    target.reconnect();
    LoadStep step = new LoadStep(target, ratePerSecond, seconds, timeline);
    EventLoop loop = target.loop();
    loop.execute(step::begin);
    try {
      step.done.get(seconds + DRAIN_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // answers still missing after the drain period are reported as errors below
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    CompletableFuture<StepResult> result = new CompletableFuture<>();
    loop.execute(() -> result.complete(step.result(ratePerSecond)));
    return result.join();
  }

  private void begin() {
    idle.addAll(target.connections().stream().filter(LoadConnection::free).toList());
    start = System.nanoTime();
    ticker = target.loop().scheduleAtFixedRate(this::tick, 0, TICK_MICROS, TimeUnit.MICROSECONDS);
  }

  private void tick() {
    long due = Math.min(total, (System.nanoTime() - start) / intervalNanos + 1);
    while (sent < due) {
      long n = sent++;
      if (inFlight >= MAX_IN_FLIGHT) {
        skipped++;
        continue;
      }
      inFlight++;
      LoadConnection connection = idle.poll();
      if (connection == null) {
        waiting.add(n);
      } else {
        connection.send(n, target.request(n), this);
      }
    }
    if (sent >= total) {
      ticker.cancel(false);
      finishIfDrained();
    }
  }

  @Override
  public void answered(LoadConnection connection, long request, int status) {
    ended(connection, request, status == 200);
  }

  @Override
  public void failed(LoadConnection connection, long request) {
    ended(null, request, false);
  }

  private void ended(LoadConnection connection, long request, boolean success) {
    inFlight--;
    // latency from when the request was due, not from when a connection was free to send it
    long due = request * intervalNanos;
    long nanos = Math.max(0, System.nanoTime() - (start + due));
    latency.recordValue(nanos);
    if (bySecond.length > 0) {
      bySecond[(int) Math.min(bySecond.length - 1, due / 1_000_000_000L)].recordValue(nanos);
    }
    if (success) {
      ok++;
    } else {
      errors++;
    }
    if (connection != null) {
      Long next = waiting.poll();
      if (next == null) {
        idle.add(connection);
      } else {
        connection.send(next, target.request(next), this);
      }
    }
    finishIfDrained();
  }

  private void finishIfDrained() {
    if (sent >= total && inFlight == 0) {
      done.complete(null);
    }
  }

  private StepResult result(int ratePerSecond) {
    double elapsed = (System.nanoTime() - start) / 1e9;
    long unanswered = inFlight;
    return new StepResult(
        ratePerSecond,
        ok / elapsed,
        ok,
        errors + unanswered,
        skipped,
        latency.getValueAtPercentile(50) / 1e6,
        latency.getValueAtPercentile(99) / 1e6,
        latency.getValueAtPercentile(99.9) / 1e6,
        latency.getMaxValue() / 1e6,
        Arrays.stream(bySecond).mapToDouble(h -> h.getValueAtPercentile(99) / 1e6).toArray());
  }
}
