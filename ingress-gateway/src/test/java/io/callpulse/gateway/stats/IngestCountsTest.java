package io.callpulse.gateway.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.gateway.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IngestCountsTest {
  /** 2025-03-10 10:00:00 UTC. */
  static final long T0 = 1_741_600_800_000L;

  static final long ONE_MINUTE = 60_000L;

  private final AtomicLong now = new AtomicLong(T0);
  private final IngestCounts counts = new IngestCounts(now::get);

  @Test
  void countsPerAppMinuteAndOutcomeAndDrainsOnlyClosedMinutes() {
    counts.record("acme", Outcome.ACCEPTED);
    counts.record("acme", Outcome.ACCEPTED);
    counts.record("acme", Outcome.UNAUTHORIZED);
    counts.record("globex", Outcome.ACCEPTED);
    now.set(T0 + ONE_MINUTE + 5_000);
    counts.record("acme", Outcome.ACCEPTED);

    List<StatsBatch.Minute> closed = counts.drainClosed();
    assertEquals(1, closed.size(), "10:01 is still open");
    assertEquals(T0 / 1000, closed.get(0).minute());
    assertEquals(
        Map.of("acme/accepted", 2L, "acme/unauthorized", 1L, "globex/accepted", 1L),
        byAppAndOutcome(closed.get(0)));
    assertTrue(counts.drainClosed().isEmpty(), "a drained minute is gone");

    List<StatsBatch.Minute> all = counts.drainAll();
    assertEquals(1, all.size());
    assertEquals((T0 + ONE_MINUTE) / 1000, all.get(0).minute());
    assertEquals(Map.of("acme/accepted", 1L), byAppAndOutcome(all.get(0)));
    assertTrue(counts.drainAll().isEmpty());
  }

  @Test
  void aMinuteCountedAgainAfterItsDrainComesBackAsANewIncrement() {
    counts.record("acme", Outcome.ACCEPTED);
    assertEquals(1, counts.drainAll().get(0).requests());
    counts.record("acme", Outcome.ACCEPTED);
    counts.record("acme", Outcome.ACCEPTED);
    assertEquals(2, counts.drainAll().get(0).requests(), "only what came after the drain");
  }

  @Test
  void labelsAreTheOutcomeNamesGrafanaQueries() {
    counts.record("acme", Outcome.HEALTH_CHECK);
    counts.record("acme", Outcome.INVALID_FIELD);
    counts.record("acme", Outcome.TOO_LARGE);
    counts.record("acme", Outcome.UNAVAILABLE);
    assertEquals(
        Map.of(
            "acme/health_check", 1L,
            "acme/invalid_field", 1L,
            "acme/too_large", 1L,
            "acme/unavailable", 1L),
        byAppAndOutcome(counts.drainAll().get(0)));
  }

  @Test
  void concurrentRecordingAndDrainingNeitherLosesNorDoublesARequest() throws Exception {
    int threads = 4;
    int perThread = 200_000;
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> recorders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  counts.record(i % 2 == 0 ? "acme" : "globex", Outcome.ACCEPTED);
                }
              });
      thread.start();
      recorders.add(thread);
    }
    long drained = 0;
    start.countDown();
    Thread stopper =
        new Thread(
            () -> {
              for (Thread recorder : recorders) {
                try {
                  recorder.join();
                } catch (InterruptedException e) {
                  return;
                }
              }
              done.set(true);
            });
    stopper.start();
    // drainAll seals counters that recorders are incrementing right now: the hard case
    while (!done.get()) {
      drained += counts.drainAll().stream().mapToLong(StatsBatch.Minute::requests).sum();
    }
    drained += counts.drainAll().stream().mapToLong(StatsBatch.Minute::requests).sum();
    assertEquals((long) threads * perThread, drained);
  }

  static Map<String, Long> byAppAndOutcome(StatsBatch.Minute minute) {
    Map<String, Long> result = new TreeMap<>();
    for (StatsBatch.Row row : minute.rows()) {
      result.put(row.appId() + "/" + row.outcome(), row.requests());
    }
    return result;
  }
}
