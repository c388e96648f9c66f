package io.callpulse.gateway.stats;

import static io.callpulse.gateway.stats.IngestCountsTest.ONE_MINUTE;
import static io.callpulse.gateway.stats.IngestCountsTest.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.gateway.Outcome;
import io.callpulse.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatsFlusherTest {
  private final AtomicLong now = new AtomicLong(T0);
  private final IngestCounts counts = new IngestCounts(now::get);
  private final FakeSink sink = new FakeSink();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** Records every attempt; fails while {@code failures} is positive. */
  static final class FakeSink implements StatsSink {
    final List<StatsBatch> attempts = new ArrayList<>();
    final List<StatsBatch> stored = new ArrayList<>();
    int failures;

    @Override
    public void insert(String sourceId, StatsBatch batch) throws IOException {
      attempts.add(batch);
      if (failures > 0) {
        failures--;
        throw new IOException("ClickHouse is down");
      }
      stored.add(batch);
    }

    long storedRequests() {
      return stored.stream().mapToLong(StatsBatch::requests).sum();
    }
  }

  private StatsFlusher flusher(int maxPendingMinutes) {
    return new StatsFlusher(counts, sink, "gw-1", maxPendingMinutes, registry, now::get);
  }

  private double counter(String name, String... tags) {
    return registry.get("callpulse.gateway.ingest.stats." + name).tags(tags).counter().count();
  }

  private double gauge(String name) {
    return registry.get("callpulse.gateway.ingest.stats." + name).gauge().value();
  }

  @Test
  void aClosedMinuteIsWrittenOnceAndTheOpenOneWaits() {
    StatsFlusher flusher = flusher(10);
    counts.record("acme", Outcome.ACCEPTED);
    assertTrue(flusher.flush(false));
    assertTrue(sink.attempts.isEmpty(), "10:00 is still open");

    now.addAndGet(ONE_MINUTE);
    counts.record("acme", Outcome.ACCEPTED);
    assertTrue(flusher.flush(false));
    assertEquals(1, sink.stored.size());
    assertEquals(T0 / 1000, sink.stored.get(0).epochMinute());
    assertTrue(flusher.flush(false));
    assertEquals(1, sink.stored.size(), "nothing new closed");
    assertEquals(1, counter("rows"));
    assertEquals(1, counter("written.requests"));
  }

  @Test
  void aFailedBatchIsRetriedWithTheSameRowsAndTokenAndNothingIsLost() {
    StatsFlusher flusher = flusher(10);
    counts.record("acme", Outcome.ACCEPTED);
    counts.record("acme", Outcome.UNAUTHORIZED);
    now.addAndGet(ONE_MINUTE);
    sink.failures = 2;

    assertFalse(flusher.flush(false));
    assertEquals(2, gauge("pending.requests"));
    // more requests of the same (already closed) minute arrive late, and of a new minute
    now.addAndGet(-ONE_MINUTE);
    counts.record("acme", Outcome.ACCEPTED);
    now.addAndGet(ONE_MINUTE);
    counts.record("acme", Outcome.ACCEPTED);
    now.addAndGet(ONE_MINUTE);
    assertFalse(flusher.flush(false));
    assertTrue(flusher.flush(false));

    StatsBatch first = sink.attempts.get(0);
    assertEquals(first, sink.attempts.get(1), "the retry is the same batch: rows and token");
    assertEquals(first, sink.stored.get(0));
    assertEquals(3, sink.stored.size(), "late 10:00 requests and 10:01 are batches of their own");
    assertNotEquals(first.token(), sink.stored.get(1).token());
    assertEquals(first.epochMinute(), sink.stored.get(1).epochMinute());
    assertEquals(4, sink.storedRequests());
    assertEquals(2, counter("flushes", "result", "failed"));
    assertEquals(0, gauge("pending.requests"));
    assertEquals(0, counter("dropped.requests"));
  }

  @Test
  void pendingMinutesAreCappedOldestFirstAndTheDropIsCounted() {
    StatsFlusher flusher = flusher(2);
    sink.failures = Integer.MAX_VALUE;
    for (int minute = 0; minute < 4; minute++) {
      for (int i = 0; i <= minute; i++) {
        counts.record("acme", Outcome.ACCEPTED); // minute m gets m + 1 requests
      }
      now.addAndGet(ONE_MINUTE);
      assertFalse(flusher.flush(false));
    }
    assertEquals(2, gauge("pending.minutes"));
    assertEquals(1 + 2, counter("dropped.requests"), "10:00 and 10:01 were dropped");
    assertEquals(
        List.of(T0 / 1000 + 120, T0 / 1000 + 180),
        flusher.pending().stream().map(StatsBatch::epochMinute).toList());

    sink.failures = 0;
    assertTrue(flusher.flush(false));
    assertEquals(3 + 4, sink.storedRequests());
  }

  @Test
  void closeWritesTheOpenMinuteToo() {
    IngestStatsWriter writer = writer(10_000);
    writer.record("acme", Outcome.ACCEPTED);
    writer.record("acme", Outcome.HEALTH_CHECK);
    writer.close(Duration.ofSeconds(5));
    assertEquals(2, sink.storedRequests());
  }

  @Test
  void closeGivesUpAfterItsBudgetAndCountsWhatIsLost() {
    IngestStatsWriter writer = writer(10_000);
    sink.failures = Integer.MAX_VALUE;
    writer.record("acme", Outcome.ACCEPTED);
    writer.close(Duration.ZERO);
    assertTrue(sink.stored.isEmpty());
    assertEquals(1, counter("dropped.requests"));
    assertEquals(0, gauge("pending.requests"));
  }

  private IngestStatsWriter writer(long flushIntervalMs) {
    GatewayConfig.IngestStats config =
        new GatewayConfig.IngestStats(
            Optional.of(new GatewayConfig.ClickHouse("http://127.0.0.1:1", "db", "u", "p")),
            "gw-1",
            flushIntervalMs,
            10,
            1_000);
    IngestStatsWriter writer = new IngestStatsWriter(config, sink, registry, now::get);
    writer.start();
    return writer;
  }
}
