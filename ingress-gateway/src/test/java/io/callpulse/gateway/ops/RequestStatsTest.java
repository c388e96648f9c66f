package io.callpulse.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callpulse.gateway.Outcome;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestStatsTest {
  private static final long T0 = 1_700_000_000_000L;

  @Test
  void countsAgeOutOfEachWindow() {
    AtomicLong now = new AtomicLong(T0);
    RequestStats stats = new RequestStats(now::get);
    stats.record("ncs", "app", Outcome.ACCEPTED);
    stats.record("ncs", "app", Outcome.ACCEPTED);
    stats.record("ncs", "app", Outcome.UNAUTHORIZED);
    assertEquals(2, counts(stats, "accepted").getLong("lastMinute"));

    now.set(T0 + 61_000);
    stats.record("ncs", "app", Outcome.ACCEPTED);
    JsonObject accepted = counts(stats, "accepted");
    assertEquals(1, accepted.getLong("lastMinute"));
    assertEquals(3, accepted.getLong("lastHour"));
    assertEquals(3, accepted.getLong("lastDay"));

    now.set(T0 + 2 * 3_600_000L);
    assertEquals(0, counts(stats, "accepted").getLong("lastHour"));
    assertEquals(3, counts(stats, "accepted").getLong("lastDay"));
    assertEquals(1, counts(stats, "unauthorized").getLong("lastDay"));

    now.set(T0 + 25 * 3_600_000L);
    assertEquals(0, counts(stats, "accepted").getLong("lastDay"));
  }

  private static JsonObject counts(RequestStats stats, String outcome) {
    return stats
        .snapshot()
        .getJsonObject("endpoints")
        .getJsonObject("ncs")
        .getJsonObject("app")
        .getJsonObject(outcome);
  }
}
