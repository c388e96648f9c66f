package io.callpulse.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /api/usage/{appId}?from&to&group_by=day|month[,platform|client_type|role]}: minutes
 * per UTC day or month from {@code daily_channel_usage}, optionally split by one dimension. {@code
 * from}/{@code to} are inclusive days; the default is the last 30 days.
 */
final class UsageQuery {

  private static final int MAX_DAYS = 3661;
  private static final Map<String, String> PERIODS =
      Map.of("day", "toString(day)", "month", "formatDateTime(day, '%Y-%m')");
  private static final Map<String, String> DIMENSIONS =
      Map.of("platform", "platform", "client_type", "client_type", "role", "role");

  private final ClickHouseReader reader;
  private final Clock clock;

  UsageQuery(ClickHouseReader reader, Clock clock) {
    this.reader = reader;
    this.clock = clock;
  }

  Future<JsonObject> usage(RequestParams request) {
    String app = request.appId();
    LocalDate to = request.date("to").orElse(LocalDate.now(clock));
    LocalDate from = request.date("from").orElse(to.minusDays(29));
    if (to.isBefore(from)) {
      throw ApiException.badParameter("to", "to must not be before from");
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw ApiException.badParameter("from", "at most " + MAX_DAYS + " days per request");
    }
    String groupBy = request.query("group_by").orElse("day");
    String[] parts = groupBy.split(",", -1);
    String period = PERIODS.get(parts[0]);
    String dimension = parts.length == 2 ? DIMENSIONS.get(parts[1]) : null;
    if (period == null || parts.length > 2 || (parts.length == 2 && dimension == null)) {
      throw ApiException.badParameter(
          "group_by",
          "group_by must be day or month, optionally followed by ,platform ,client_type or ,role;"
              + " got "
              + RequestParams.shorten(groupBy));
    }
    // period and dimension are constants picked from the maps above, never request text
    String sql =
        "SELECT "
            + period
            + " AS period"
            + (dimension == null ? "" : ", " + dimension + " AS " + parts[1])
            + ", sum(seconds) AS seconds FROM daily_channel_usage FINAL"
            + " WHERE app_id = {app:String} AND day >= {from:Date} AND day <= {to:Date}"
            + " GROUP BY period"
            + (dimension == null ? "" : ", " + parts[1])
            + " ORDER BY period"
            + (dimension == null ? "" : ", " + parts[1]);
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("app", app);
    parameters.put("from", from.toString());
    parameters.put("to", to.toString());
    return reader
        .rows(sql, parameters)
        .map(
            rows -> {
              JsonArray series = new JsonArray();
              long total = 0;
              for (JsonObject row : rows) {
                total += row.getLong("seconds");
                series.add(Figures.withMinutes(row, "seconds", "minutes"));
              }
              return new JsonObject()
                  .put("app_id", app)
                  .put("from", from.toString())
                  .put("to", to.toString())
                  .put("group_by", groupBy)
                  .put("total_seconds", total)
                  .put("total_minutes", Figures.minutes(total))
                  .put("series", series);
            });
  }
}
