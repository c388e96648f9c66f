package io.callpulse.gateway.ops;

import io.callpulse.gateway.Outcome;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * In-memory request counts per app and outcome over the last minute, hour and day ({@code /stats}).
 */
public final class RequestStats {
  private final Map<Key, Windows> windows = new ConcurrentHashMap<>();
  private final LongSupplier clock;

  public RequestStats(LongSupplier clock) {
    this.clock = clock;
  }

  /** Its parts' strings already know their hashes; a key joined into one string was hashed anew. */
  private record Key(String endpoint, String appLabel, String outcome) {}

  private static final class Windows {
    final SlidingWindowCounter minute = new SlidingWindowCounter(60, 1_000);
    final SlidingWindowCounter hour = new SlidingWindowCounter(60, 60_000);
    final SlidingWindowCounter day = new SlidingWindowCounter(24 * 60, 60_000);
  }

  /** {@code appLabel} must already be bounded (see {@link GatewayMetrics#appLabel}). */
  public void record(String endpoint, String appLabel, Outcome outcome) {
    long now = clock.getAsLong();
    Windows w =
        windows.computeIfAbsent(new Key(endpoint, appLabel, outcome.label()), k -> new Windows());
    w.minute.increment(now);
    w.hour.increment(now);
    w.day.increment(now);
  }

  /**
   * {@code {"endpoints": {"ncs": {app: {outcome: {"lastMinute": n, "lastHour": n, "lastDay":
   * n}}}}}}.
   */
  public JsonObject snapshot() {
    long now = clock.getAsLong();
    Map<String, Map<String, Map<String, JsonObject>>> tree = new TreeMap<>();
    windows.forEach(
        (key, w) -> {
          tree.computeIfAbsent(key.endpoint(), k -> new TreeMap<>())
              .computeIfAbsent(key.appLabel(), k -> new TreeMap<>())
              .put(
                  key.outcome(),
                  new JsonObject()
                      .put("lastMinute", w.minute.sum(now))
                      .put("lastHour", w.hour.sum(now))
                      .put("lastDay", w.day.sum(now)));
        });
    JsonObject endpoints = new JsonObject();
    tree.forEach(
        (endpoint, apps) -> {
          JsonObject byApp = new JsonObject();
          apps.forEach(
              (app, outcomes) -> {
                JsonObject o = new JsonObject();
                outcomes.forEach(o::put);
                byApp.put(app, o);
              });
          endpoints.put(endpoint, byApp);
        });
    return new JsonObject().put("generatedAtMs", now).put("endpoints", endpoints);
  }
}
