package io.callpulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConcurrencyBucketsTest {

  private static final long T0 = Instant.parse("2025-03-01T10:00:00Z").getEpochSecond();

  @Test
  void carriesTheValueIntoBucketsWithoutStepsUntilTheEpochEnds() {
    List<JsonObject> steps = List.of(step("e1", 0, 3), step("e1", 30, 1), step("e2", 400, 2));
    // e1 ends at +120 s: the buckets between the epochs read 0, not e1's last value
    JsonArray points = ConcurrencyQuery.buckets(steps, Map.of("e1", T0 + 120, "e2", T0 + 500), 60);
    assertEquals(List.of(3L, 1L, 0L, 0L, 0L, 0L, 2L), users(points));
  }

  @Test
  void aStepAtTheBucketStartReplacesTheCarriedValue() {
    List<JsonObject> steps = List.of(step("e1", 0, 5), step("e1", 60, 1));
    assertEquals(
        List.of(5L, 1L), users(ConcurrencyQuery.buckets(steps, Map.of("e1", T0 + 600), 60)));
  }

  private static JsonObject step(String epoch, long offset, long users) {
    return new JsonObject()
        .put("epoch_id", epoch)
        .put("ts", Instant.ofEpochSecond(T0 + offset).toString())
        .put("users", users)
        .put("hosts", users)
        .put("audiences", 0L);
  }

  private static List<Long> users(JsonArray points) {
    return points.stream().map(p -> ((JsonObject) p).getLong("users")).toList();
  }
}
