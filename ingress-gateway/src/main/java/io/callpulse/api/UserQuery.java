package io.callpulse.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** {@code GET /api/user/{appId}/{uid}}: a user's sessions, minutes per channel, platforms, sids. */
final class UserQuery {

  private final ClickHouseReader reader;
  private final QueryApiConfig config;

  UserQuery(ClickHouseReader reader, QueryApiConfig config) {
    this.reader = reader;
    this.config = config;
  }

  Future<JsonObject> user(RequestParams request) {
    String app = request.appId();
    long uid = request.uid();
    String sql =
        "SELECT channel_name, epoch_id, session_id, join_ts, leave_ts, seconds, host_seconds,"
            + " audience_seconds, role_switches, start_role, platform, client_type, account, sid,"
            + " leave_reason AS reason, communication_mode, inferred, estimated, state"
            + " FROM user_sessions FINAL WHERE app_id = {app:String} AND uid = {uid:UInt32}"
            + " ORDER BY join_ts, channel_name, session_id LIMIT {max_rows:UInt32}";
    return reader
        .rows(sql, Map.of("app", app, "uid", uid, "max_rows", config.maxRows() + 1))
        .map(
            sessions -> {
              if (sessions.isEmpty()) {
                throw ApiException.notFound("no sessions of uid " + uid + " in app " + app);
              }
              boolean truncated = sessions.size() > config.maxRows();
              List<JsonObject> kept =
                  sessions.subList(0, Math.min(sessions.size(), config.maxRows()));
              Map<String, ChannelTotals> channels = new LinkedHashMap<>();
              TreeSet<Integer> platforms = new TreeSet<>();
              TreeSet<String> sids = new TreeSet<>();
              long total = 0;
              JsonArray sessionsJson = new JsonArray();
              for (JsonObject session : kept) {
                long seconds = session.getLong("seconds");
                total += seconds;
                channels
                    .computeIfAbsent(session.getString("channel_name"), name -> new ChannelTotals())
                    .add(session);
                if (session.getInteger("platform") != null) {
                  platforms.add(session.getInteger("platform"));
                }
                if (session.getString("sid") != null) {
                  sids.add(session.getString("sid"));
                }
                Figures.withMinutes(session, "seconds", "minutes");
                session.put("inferred", session.getInteger("inferred") == 1);
                session.put("estimated", session.getInteger("estimated") == 1);
                session.put("communication_mode", session.getInteger("communication_mode") == 1);
                sessionsJson.add(session);
              }
              JsonArray channelsJson = new JsonArray();
              channels.forEach((name, totals) -> channelsJson.add(totals.toJson(name)));
              return new JsonObject()
                  .put("app_id", app)
                  .put("uid", uid)
                  .put("total_seconds", total)
                  .put("total_minutes", Figures.minutes(total))
                  .put("platforms", new JsonArray(List.copyOf(platforms)))
                  .put("sids", new JsonArray(List.copyOf(sids)))
                  .put("channels", channelsJson)
                  .put("sessions", sessionsJson)
                  .put("sessions_truncated", truncated);
            });
  }

  /** A user's figures in one channel. */
  private static final class ChannelTotals {
    private long seconds;
    private int sessions;
    private final TreeSet<Integer> platforms = new TreeSet<>();
    private final TreeSet<String> sids = new TreeSet<>();

    void add(JsonObject session) {
      seconds += session.getLong("seconds");
      sessions++;
      if (session.getInteger("platform") != null) {
        platforms.add(session.getInteger("platform"));
      }
      if (session.getString("sid") != null) {
        sids.add(session.getString("sid"));
      }
    }

    JsonObject toJson(String channel) {
      return new JsonObject()
          .put("channel_name", channel)
          .put("seconds", seconds)
          .put("minutes", Figures.minutes(seconds))
          .put("sessions", sessions)
          .put("platforms", new JsonArray(List.copyOf(platforms)))
          .put("sids", new JsonArray(List.copyOf(sids)));
    }
  }
}
