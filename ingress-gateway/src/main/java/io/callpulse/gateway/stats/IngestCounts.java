package io.callpulse.gateway.stats;

import io.callpulse.gateway.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Requests per (app, UTC minute, outcome), counted on the request path and drained by one flusher.
 *
 * <p>Counting is lock-free: a map lookup and a CAS on the key's counter. Draining is exact: the
 * drainer unmaps a counter and then <em>seals</em> it (swaps its value for a negative marker); a
 * request that still held the sealed counter sees the marker, fails its CAS and counts again in a
 * fresh counter, which the next drain picks up. So no increment is lost or counted twice, however
 * the request and the drain interleave. (A {@code LongAdder} cannot be read and closed in one
 * atomic step, which is why this is a CAS loop on an {@code AtomicLong}; a few event loops on one
 * key cost a retried CAS at worst.)
 */
public final class IngestCounts {
  private static final long SEALED = Long.MIN_VALUE;

  /** One row's key: {@code minute} is the epoch second the UTC minute starts at. */
  record Key(String appId, long minute, String outcome) {}

  private final Map<Key, AtomicLong> counters = new ConcurrentHashMap<>();
  private final LongSupplier clockMs;

  public IngestCounts(LongSupplier clockMs) {
    this.clockMs = clockMs;
  }

  /** Counts one finished request of {@code appId} in the current UTC minute. */
  public void record(String appId, Outcome outcome) {
    Key key = new Key(appId, minuteOf(clockMs.getAsLong()), outcome.label());
    while (true) {
      AtomicLong counter = counters.get(key);
      if (counter == null) {
        counter = counters.computeIfAbsent(key, k -> new AtomicLong());
      }
      long value = counter.get();
      while (value >= 0) {
        if (counter.compareAndSet(value, value + 1)) {
          return;
        }
        value = counter.get();
      }
      // sealed by a drain that already unmapped it: count in a fresh counter
      counters.remove(key, counter);
    }
  }

  /** Removes and returns the counts of every minute before the current one, oldest first. */
  List<StatsBatch.Minute> drainClosed() {
    return drain(minuteOf(clockMs.getAsLong()));
  }

  /** Removes and returns every count, the current minute's too (shutdown). */
  List<StatsBatch.Minute> drainAll() {
    return drain(Long.MAX_VALUE);
  }

  private List<StatsBatch.Minute> drain(long beforeMinute) {
    Map<Long, List<StatsBatch.Row>> byMinute = new TreeMap<>();
    for (Map.Entry<Key, AtomicLong> entry : counters.entrySet()) {
      Key key = entry.getKey();
      if (key.minute() >= beforeMinute || !counters.remove(key, entry.getValue())) {
        continue;
      }
      long requests = entry.getValue().getAndSet(SEALED);
      if (requests > 0) {
        byMinute
            .computeIfAbsent(key.minute(), m -> new ArrayList<>())
            .add(new StatsBatch.Row(key.appId(), key.outcome(), requests));
      }
    }
    List<StatsBatch.Minute> minutes = new ArrayList<>();
    byMinute.forEach((minute, rows) -> minutes.add(new StatsBatch.Minute(minute, rows)));
    return minutes;
  }

  /** The epoch second of the start of the UTC minute holding {@code epochMs}. */
  static long minuteOf(long epochMs) {
    return Math.floorDiv(epochMs, 60_000L) * 60L;
  }
}
