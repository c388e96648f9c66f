package io.callpulse.gateway.stats;

import io.callpulse.gateway.Outcome;
import io.callpulse.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the gateway's NCS request counts to ClickHouse's {@code ingest_stats_minute} (app_id,
 * source_id, minute, outcome, requests): counted on the request path by {@link IngestCounts},
 * flushed every {@code ingestStats.flushIntervalMs} by one daemon thread ({@link StatsFlusher}),
 * and a last time at shutdown with the open minute included. ClickHouse being down never touches
 * webhook intake or {@code /ready}: counts wait (bounded) and the metrics {@code
 * callpulse_gateway_ingest_stats_*} show it.
 */
public final class IngestStatsWriter {
  private static final Logger LOG = LoggerFactory.getLogger(IngestStatsWriter.class);

  private final GatewayConfig.IngestStats config;
  private final IngestCounts counts;
  private final StatsFlusher flusher;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "callpulse-ingest-stats");
            thread.setDaemon(true);
            return thread;
          });

  IngestStatsWriter(
      GatewayConfig.IngestStats config,
      StatsSink sink,
      MeterRegistry registry,
      LongSupplier clockMs) {
    this.config = config;
    this.counts = new IngestCounts(clockMs);
    this.flusher =
        new StatsFlusher(
            counts, sink, config.sourceId(), config.maxPendingMinutes(), registry, clockMs);
  }

  /**
   * The writer for {@code config}, which must be {@linkplain GatewayConfig.IngestStats#enabled}.
   */
  public static IngestStatsWriter create(GatewayConfig.IngestStats config, MeterRegistry registry) {
    StatsSink sink =
        new ClickHouseStatsSink(
            config.clickHouse().orElseThrow(), Duration.ofMillis(config.insertTimeoutMs()));
    return new IngestStatsWriter(config, sink, registry, System::currentTimeMillis);
  }

  /** Counts one finished request; cheap and non-blocking (event loops call it). */
  public void record(String appId, Outcome outcome) {
    counts.record(appId, outcome);
  }

  public void start() {
    long interval = config.flushIntervalMs();
    scheduler.scheduleWithFixedDelay(this::flushClosed, interval, interval, TimeUnit.MILLISECONDS);
    LOG.info(
        "ingest stats: writing {} as source_id {} to {} every {} ms",
        ClickHouseStatsSink.TABLE,
        config.sourceId(),
        config.clickHouse().orElseThrow(),
        interval);
  }

  private void flushClosed() {
    try {
      flusher.flush(false);
    } catch (RuntimeException e) {
      // never let the periodic task die
      LOG.error("ingest stats: flush failed", e);
    }
  }

  private void flushEverything(long deadlineNanos) throws InterruptedException {
    while (!flusher.flush(true)) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        flusher.abandonPending();
        return;
      }
      Thread.sleep(Math.min(1_000, TimeUnit.NANOSECONDS.toMillis(left) + 1));
    }
  }

  /**
   * Stops the periodic flush and writes everything counted, the open minute included, retrying once
   * a second within {@code budget}; what still fails is logged and counted as dropped. Call after
   * the HTTP servers stopped, so no request is counted afterwards. Blocks.
   */
  public void close(Duration budget) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + budget.toNanos();
    try {
      scheduler
          .submit(
              () -> {
                flushEverything(deadline);
                return null;
              })
          .get(budget.toMillis() + config.insertTimeoutMs() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.error("ingest stats: the final flush did not finish", e);
    } finally {
      scheduler.shutdownNow();
    }
  }
}
