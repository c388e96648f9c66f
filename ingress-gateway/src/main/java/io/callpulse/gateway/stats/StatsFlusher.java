package io.callpulse.gateway.stats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains {@link IngestCounts} into batches (one per minute and flush) and sends them, oldest first,
 * until one fails; what failed stays pending with its token and is sent again on the next flush. At
 * most {@code maxPendingMinutes} distinct minutes are kept: beyond that the oldest minute is
 * dropped, logged and counted ({@code callpulse_gateway_ingest_stats_dropped_requests_total}).
 *
 * <p>Not thread-safe: one thread (the writer's scheduler) calls {@link #flush}.
 */
final class StatsFlusher {
  private static final Logger LOG = LoggerFactory.getLogger(StatsFlusher.class);

  private final IngestCounts counts;
  private final StatsSink sink;
  private final String sourceId;
  private final int maxPendingMinutes;
  private final LongSupplier clockMs;

  /** Pending batches by minute, each minute's in the order they were drained. */
  private final TreeMap<Long, List<StatsBatch>> pending = new TreeMap<>();

  private final Counter flushesOk;
  private final Counter flushesFailed;
  private final Counter rowsWritten;
  private final Counter requestsWritten;
  private final Counter requestsDropped;
  private final AtomicLong pendingRequests = new AtomicLong();
  private final AtomicLong pendingMinutes = new AtomicLong();
  private final AtomicLong lastSuccessMs = new AtomicLong();
  private int consecutiveFailures;

  StatsFlusher(
      IngestCounts counts,
      StatsSink sink,
      String sourceId,
      int maxPendingMinutes,
      MeterRegistry registry,
      LongSupplier clockMs) {
    this.counts = counts;
    this.sink = sink;
    this.sourceId = sourceId;
    this.maxPendingMinutes = maxPendingMinutes;
    this.clockMs = clockMs;
    String prefix = "callpulse.gateway.ingest.stats.";
    this.flushesOk = flushes(registry, prefix, "ok");
    this.flushesFailed = flushes(registry, prefix, "failed");
    this.rowsWritten =
        Counter.builder(prefix + "rows")
            .description("rows inserted into ingest_stats_minute")
            .register(registry);
    this.requestsWritten =
        Counter.builder(prefix + "written.requests")
            .description("requests counted in rows ClickHouse accepted")
            .register(registry);
    this.requestsDropped =
        Counter.builder(prefix + "dropped.requests")
            .description(
                "requests whose counts were dropped unwritten (over maxPendingMinutes, or"
                    + " ClickHouse still failing at shutdown)")
            .register(registry);
    Gauge.builder(prefix + "pending.requests", pendingRequests, AtomicLong::get)
        .description("requests counted in batches not yet written")
        .register(registry);
    Gauge.builder(prefix + "pending.minutes", pendingMinutes, AtomicLong::get)
        .description("distinct minutes with batches not yet written")
        .register(registry);
    Gauge.builder(prefix + "last.success.timestamp", lastSuccessMs, ms -> ms.get() / 1000.0)
        .description("epoch seconds of the last flush that left nothing pending (0: never)")
        .register(registry);
  }

  private static Counter flushes(MeterRegistry registry, String prefix, String result) {
    return Counter.builder(prefix + "flushes")
        .description("flushes of ingest_stats_minute by result (failed: a batch stays pending)")
        .tag("result", result)
        .register(registry);
  }

  /**
   * One round: drains closed minutes ({@code everything}: the open one too), then sends what is
   * pending. Returns true when nothing is left pending.
   */
  boolean flush(boolean everything) {
    for (StatsBatch.Minute minute : everything ? counts.drainAll() : counts.drainClosed()) {
      String token = sourceId + "-" + minute.minute() + "-" + UUID.randomUUID();
      pending
          .computeIfAbsent(minute.minute(), m -> new ArrayList<>())
          .add(new StatsBatch(minute, token));
    }
    dropOverCap();
    boolean ok = sendPending();
    updateGauges();
    if (ok) {
      flushesOk.increment();
      lastSuccessMs.set(clockMs.getAsLong());
      if (consecutiveFailures > 0) {
        LOG.info(
            "ingest stats: ClickHouse writes work again after {} failed flushes",
            consecutiveFailures);
      }
      consecutiveFailures = 0;
    } else {
      flushesFailed.increment();
      consecutiveFailures++;
    }
    return ok;
  }

  private boolean sendPending() {
    for (Iterator<Map.Entry<Long, List<StatsBatch>>> minutes = pending.entrySet().iterator();
        minutes.hasNext(); ) {
      List<StatsBatch> batches = minutes.next().getValue();
      while (!batches.isEmpty()) {
        StatsBatch batch = batches.get(0);
        try {
          sink.insert(sourceId, batch);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        } catch (Exception e) {
          LOG.warn(
              "ingest stats: insert of minute {} failed ({} requests kept for retry, {} minutes"
                  + " pending, failure {} in a row): {}",
              Instant.ofEpochSecond(batch.epochMinute()),
              batch.requests(),
              pending.size(),
              consecutiveFailures + 1,
              e.toString());
          return false;
        }
        batches.remove(0);
        rowsWritten.increment(batch.minute().rows().size());
        requestsWritten.increment(batch.requests());
      }
      minutes.remove();
    }
    return true;
  }

  private void dropOverCap() {
    while (pending.size() > maxPendingMinutes) {
      Map.Entry<Long, List<StatsBatch>> oldest = pending.pollFirstEntry();
      long requests = oldest.getValue().stream().mapToLong(StatsBatch::requests).sum();
      requestsDropped.increment(requests);
      LOG.error(
          "ingest stats: dropped minute {} ({} requests) unwritten: more than {} minutes pending",
          Instant.ofEpochSecond(oldest.getKey()),
          requests,
          maxPendingMinutes);
    }
  }

  /** Shutdown gave up: whatever is still pending is lost; count and log it. */
  long abandonPending() {
    long requests = pendingRequests();
    if (requests > 0) {
      requestsDropped.increment(requests);
      LOG.error(
          "ingest stats: {} requests in {} minutes could not be written before shutdown",
          requests,
          pending.size());
    }
    pending.clear();
    updateGauges();
    return requests;
  }

  private long pendingRequests() {
    return pending.values().stream().flatMap(List::stream).mapToLong(StatsBatch::requests).sum();
  }

  private void updateGauges() {
    pendingRequests.set(pendingRequests());
    pendingMinutes.set(pending.size());
  }

  /** Pending batches, oldest minute first (for tests). */
  List<StatsBatch> pending() {
    return pending.values().stream().flatMap(List::stream).toList();
  }
}
