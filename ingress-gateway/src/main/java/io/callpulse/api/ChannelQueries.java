package io.callpulse.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/channels/{appId}} and {@code GET /api/channel/{appId}/{channelName}}.
 *
 * <p>A channel's figures cover its epochs (in the date range, for the list): seconds are summed
 * over epochs (epochs of one channel never overlap), {@code unique_*} count distinct uids over the
 * epochs' sessions (a user present in two epochs is one user), and the peak is the highest epoch
 * peak (agora-ncs.md section 4.9).
 */
final class ChannelQueries {

  private static final Map<String, String> ROLE_SECONDS =
      Map.of("host", "host_seconds", "audience", "audience_seconds");

  private final ClickHouseReader reader;
  private final QueryApiConfig config;

  ChannelQueries(ClickHouseReader reader, QueryApiConfig config) {
    this.reader = reader;
    this.config = config;
  }

  Future<JsonObject> list(RequestParams request) {
    String app = request.appId();
    int page = request.page();
    int perPage = request.perPage(config.maxPerPage());
    Optional<String> q = request.text("q");
    Optional<LocalDate> start = request.date("start_date");
    Optional<LocalDate> end = request.date("end_date");
    Optional<Integer> platform = request.optionalInt("platform", -1, Integer.MAX_VALUE);
    Optional<Integer> clientType = request.optionalInt("client_type", -1, Integer.MAX_VALUE);
    Optional<String> role = request.choice("role", List.of("host", "audience"));
    if (start.isPresent() && end.isPresent() && end.get().isBefore(start.get())) {
      throw ApiException.badParameter("end_date", "end_date must not be before start_date");
    }

    Map<String, Object> parameters = new HashMap<>();
    parameters.put("app", app);
    StringBuilder selected =
        new StringBuilder(
            "SELECT channel_name, epoch_id, first_activity, last_activity, total_seconds,"
                + " client_types, platforms FROM channel_epochs FINAL WHERE app_id = {app:String}");
    q.ifPresent(
        value -> {
          parameters.put("q", value);
          selected.append(" AND positionCaseInsensitiveUTF8(channel_name, {q:String}) > 0");
        });
    start.ifPresent(
        day -> {
          parameters.put("start", Figures.startOf(day));
          selected.append(" AND last_activity >= {start:DateTime('UTC')}");
        });
    end.ifPresent(
        day -> {
          parameters.put("end", Figures.startOf(day.plusDays(1)));
          selected.append(" AND first_activity < {end:DateTime('UTC')}");
        });
    if (platform.isPresent() || clientType.isPresent() || role.isPresent()) {
      // epochs with at least one session matching every filter
      selected.append(
          " AND (channel_name, epoch_id) IN (SELECT channel_name, epoch_id FROM user_sessions FINAL"
              + " WHERE app_id = {app:String}");
      platform.ifPresent(
          value -> {
            parameters.put("platform", value);
            selected.append(" AND ifNull(platform, -1) = {platform:Int32}");
          });
      clientType.ifPresent(
          value -> {
            parameters.put("client_type", value);
            selected.append(" AND ifNull(client_type, -1) = {client_type:Int32}");
          });
      role.ifPresent(
          value -> {
            parameters.put("role", value);
            selected
                .append(" AND (start_role = {role:String} OR ")
                .append(ROLE_SECONDS.get(value))
                .append(" > 0)");
          });
      selected.append(")");
    }
    parameters.put("limit", perPage);
    parameters.put("offset", (long) (page - 1) * perPage);

    String with = "WITH selected AS (" + selected + ") ";
    String pageSql =
        with
            + ", page AS (SELECT channel_name, sum(total_seconds) AS total_seconds,"
            + " min(first_activity) AS first_activity, max(last_activity) AS last_activity,"
            + " arraySort(groupUniqArrayArray(client_types)) AS client_types,"
            + " arraySort(groupUniqArrayArray(platforms)) AS platforms, count() AS epochs"
            + " FROM selected GROUP BY channel_name"
            + " ORDER BY last_activity DESC, channel_name"
            + " LIMIT {limit:UInt32} OFFSET {offset:UInt64})"
            + " SELECT page.channel_name AS channel_name, total_seconds, first_activity,"
            + " last_activity, client_types, platforms, epochs, users.unique_users AS unique_users"
            + " FROM page LEFT JOIN (SELECT channel_name, uniqExact(uid) AS unique_users"
            + " FROM user_sessions FINAL WHERE app_id = {app:String}"
            + " AND channel_name IN (SELECT channel_name FROM page)"
            + " AND (channel_name, epoch_id) IN (SELECT channel_name, epoch_id FROM selected)"
            + " GROUP BY channel_name) AS users ON page.channel_name = users.channel_name"
            + " ORDER BY last_activity DESC, channel_name";
    String countSql = with + "SELECT uniqExact(channel_name) AS total FROM selected";

    return Future.all(reader.rows(pageSql, parameters), reader.rows(countSql, parameters))
        .map(
            both -> {
              List<JsonObject> rows = both.resultAt(0);
              List<JsonObject> count = both.resultAt(1);
              long total = count.isEmpty() ? 0 : count.get(0).getLong("total");
              JsonArray channels = new JsonArray();
              rows.forEach(
                  row -> channels.add(Figures.withMinutes(row, "total_seconds", "total_minutes")));
              return new JsonObject()
                  .put("app_id", app)
                  .put("channels", channels)
                  .put(
                      "pagination",
                      new JsonObject()
                          .put("page", page)
                          .put("per_page", perPage)
                          .put("total", total)
                          .put("total_pages", (total + perPage - 1) / perPage));
            });
  }

  Future<JsonObject> detail(RequestParams request) {
    String app = request.appId();
    String channel = request.channelName();
    Optional<String> epoch = request.text("epoch");
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
        "SELECT epoch_id, create_ts, destroy_ts, first_activity, last_activity, provisional,"
            + " closed_by, total_seconds, host_seconds, audience_seconds, unique_users,"
            + " unique_hosts, unique_audiences, role_switches, sessions, peak_concurrent_users,"
            + " peak_at, client_types, platforms, communication_mode FROM channel_epochs FINAL"
            + where
            + " ORDER BY first_activity, epoch_id";
    String usersSql =
        "SELECT uniqExact(uid) AS unique_users, uniqExactIf(uid, host_seconds > 0) AS unique_hosts,"
            + " uniqExactIf(uid, audience_seconds > 0) AS unique_audiences FROM user_sessions FINAL"
            + where;
    String sessionsSql =
        "SELECT epoch_id, session_id, uid, join_ts, leave_ts, seconds, host_seconds,"
            + " audience_seconds, role_switches, start_role, platform, client_type, account, sid,"
            + " leave_reason AS reason, communication_mode, inferred, estimated, state"
            + " FROM user_sessions FINAL"
            + where
            + " ORDER BY join_ts, uid, session_id LIMIT {max_rows:UInt32}";
    return Future.all(
            reader.rows(epochsSql, parameters),
            reader.rows(usersSql, parameters),
            reader.rows(sessionsSql, parameters))
        .map(
            all -> {
              List<JsonObject> epochs = all.resultAt(0);
              if (epochs.isEmpty()) {
                throw ApiException.notFound(
                    epoch.isPresent()
                        ? "channel " + channel + " of app " + app + " has no epoch " + epoch.get()
                        : "unknown channel " + channel + " for app " + app);
              }
              JsonObject users = all.<List<JsonObject>>resultAt(1).get(0);
              List<JsonObject> sessions = all.resultAt(2);
              return channelFigures(app, channel, epochs, users)
                  .put("epochs", epochsJson(epochs))
                  .put("sessions", sessionsJson(sessions))
                  .put("sessions_truncated", sessions.size() > config.maxRows());
            });
  }

  private JsonObject channelFigures(
      String app, String channel, List<JsonObject> epochs, JsonObject users) {
    long total = 0;
    long host = 0;
    long audience = 0;
    long switches = 0;
    long peak = -1;
    String peakAt = null;
    for (JsonObject epoch : epochs) {
      total += epoch.getLong("total_seconds");
      host += epoch.getLong("host_seconds");
      audience += epoch.getLong("audience_seconds");
      switches += epoch.getLong("role_switches");
      long epochPeak = epoch.getLong("peak_concurrent_users");
      if (epochPeak > peak) {
        peak = epochPeak;
        peakAt = epoch.getString("peak_at");
      }
    }
    return new JsonObject()
        .put("app_id", app)
        .put("channel_name", channel)
        .put("total_seconds", total)
        .put("total_minutes", Figures.minutes(total))
        .put("host_seconds", host)
        .put("host_minutes", Figures.minutes(host))
        .put("audience_seconds", audience)
        .put("audience_minutes", Figures.minutes(audience))
        .put("unique_users", users.getLong("unique_users"))
        .put("unique_hosts", users.getLong("unique_hosts"))
        .put("unique_audiences", users.getLong("unique_audiences"))
        .put("role_switches", switches)
        .put("peak_concurrent_users", peak)
        .put("peak_at", peakAt)
        .put("first_activity", epochs.get(0).getString("first_activity"))
        .put(
            "last_activity",
            epochs.stream().map(e -> e.getString("last_activity")).max(String::compareTo).get());
  }

  private static JsonArray epochsJson(List<JsonObject> epochs) {
    JsonArray array = new JsonArray();
    for (JsonObject epoch : epochs) {
      Figures.withMinutes(epoch, "total_seconds", "total_minutes");
      array.add(epoch);
    }
    return array;
  }

  private JsonArray sessionsJson(List<JsonObject> sessions) {
    JsonArray array = new JsonArray();
    sessions.stream()
        .limit(config.maxRows())
        .forEach(
            session -> {
              Figures.withMinutes(session, "seconds", "minutes");
              session.put("inferred", session.getInteger("inferred") == 1);
              session.put("estimated", session.getInteger("estimated") == 1);
              session.put("communication_mode", session.getInteger("communication_mode") == 1);
              array.add(session);
            });
    return array;
  }
}
