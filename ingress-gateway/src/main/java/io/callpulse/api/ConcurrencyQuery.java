package io.callpulse.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/channel/{appId}/{channelName}/concurrency[?epoch=&step=]}: concurrent users over
 * time with the host/audience split.
 *
 * <p>Without {@code step} the answer is the step function itself: each point holds from its {@code
 * ts} until the next point. With {@code step} (seconds) each bucket reports the maximum users,
 * hosts and audiences in effect during it, including the value carried in from before the bucket
 * (until the epoch's last activity, so gaps between epochs read as zero).
 */
final class ConcurrencyQuery {

  private static final int MAX_STEP = 86_400;

  private final ClickHouseReader reader;
  private final QueryApiConfig config;

  ConcurrencyQuery(ClickHouseReader reader, QueryApiConfig config) {
    this.reader = reader;
    this.config = config;
  }

  Future<JsonObject> concurrency(RequestParams request) {
    String app = request.appId();
    String channel = request.channelName();
    Optional<String> epoch = request.text("epoch");
    Optional<Integer> step = request.optionalInt("step", 1, MAX_STEP);
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("app", app);
    parameters.put("channel", channel);
    parameters.put("max_rows", config.maxRows() + 1);
    String where = " WHERE app_id = {app:String} AND channel_name = {channel:String}";
    if (epoch.isPresent()) {
      parameters.put("epoch", epoch.get());
      where += " AND epoch_id = {epoch:String}";
    }
    String epochsSql =
        "SELECT epoch_id, first_activity, last_activity FROM channel_epochs FINAL"
            + where
            + " ORDER BY first_activity";
    String stepsSql =
        "SELECT epoch_id, ts, users, hosts, audiences FROM channel_concurrency FINAL"
            + where
            + " ORDER BY ts, epoch_id LIMIT {max_rows:UInt32}";
    return Future.all(reader.rows(epochsSql, parameters), reader.rows(stepsSql, parameters))
        .map(
            both -> {
              List<JsonObject> epochs = both.resultAt(0);
              if (epochs.isEmpty()) {
                throw ApiException.notFound(
                    epoch.isPresent()
                        ? "channel " + channel + " of app " + app + " has no epoch " + epoch.get()
                        : "unknown channel " + channel + " for app " + app);
              }
              List<JsonObject> steps = both.resultAt(1);
              boolean truncated = steps.size() > config.maxRows();
              List<JsonObject> kept = steps.subList(0, Math.min(steps.size(), config.maxRows()));
              JsonObject answer =
                  new JsonObject()
                      .put("app_id", app)
                      .put("channel_name", channel)
                      .put("truncated", truncated);
              epoch.ifPresent(id -> answer.put("epoch_id", id));
              if (step.isEmpty()) {
                JsonArray points = new JsonArray();
                kept.forEach(points::add);
                return answer.put("points", points);
              }
              return answer
                  .put("step_seconds", step.get())
                  .put("points", buckets(kept, epochEnds(epochs), step.get()));
            });
  }

  private static Map<String, Long> epochEnds(List<JsonObject> epochs) {
    Map<String, Long> ends = new HashMap<>();
    epochs.forEach(e -> ends.put(e.getString("epoch_id"), seconds(e.getString("last_activity"))));
    return ends;
  }

  /** The maximum in effect per bucket of {@code step} seconds, aligned to the Unix epoch. */
  static JsonArray buckets(List<JsonObject> steps, Map<String, Long> epochEnds, int step) {
    JsonArray points = new JsonArray();
    if (steps.isEmpty()) {
      return points;
    }
    long first = Math.floorDiv(seconds(steps.get(0).getString("ts")), step) * step;
    long last = seconds(steps.get(steps.size() - 1).getString("ts"));
    int next = 0;
    long[] current = {0, 0, 0};
    long currentEnd = Long.MIN_VALUE;
    for (long bucket = first; bucket <= last; bucket += step) {
      // the value carried in from before the bucket counts unless a step replaces it right at the
      // bucket's start or its epoch ended by then
      boolean replacedAtStart =
          next < steps.size() && seconds(steps.get(next).getString("ts")) == bucket;
      long[] max = bucket < currentEnd && !replacedAtStart ? current.clone() : new long[] {0, 0, 0};
      while (next < steps.size() && seconds(steps.get(next).getString("ts")) < bucket + step) {
        JsonObject s = steps.get(next++);
        current = new long[] {s.getLong("users"), s.getLong("hosts"), s.getLong("audiences")};
        currentEnd = epochEnds.getOrDefault(s.getString("epoch_id"), Long.MAX_VALUE);
        for (int i = 0; i < 3; i++) {
          max[i] = Math.max(max[i], current[i]);
        }
      }
      points.add(
          new JsonObject()
              .put("ts", Instant.ofEpochSecond(bucket).toString())
              .put("users", max[0])
              .put("hosts", max[1])
              .put("audiences", max[2]));
    }
    return points;
  }

  private static long seconds(String isoTime) {
    return Instant.parse(isoTime).getEpochSecond();
  }
}
