package io.callpulse.simulator.oracle;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The expected-figures file: what {@code run} and {@code expected} write and {@code compare} reads.
 * Field names follow the ClickHouse column names; times are Unix seconds, days ISO dates (UTC).
 */
public final class ExpectedJson {
  public static final String FORMAT = "callpulse-expected/1";

  private ExpectedJson() {}

  public static JsonObject toJson(ExpectedReport report) {
    JsonArray apps = new JsonArray();
    for (AppExpectation app : report.apps()) {
      JsonArray daily = new JsonArray();
      app.dailySeconds()
          .forEach(
              (day, seconds) ->
                  daily.add(
                      new JsonObject()
                          .put("day", day.toString())
                          .put("seconds", seconds)
                          .put("minutes", seconds / 60.0)));
      JsonArray channels = new JsonArray();
      for (ChannelExpectation channel : app.channels()) {
        channels.add(channel(channel));
      }
      apps.add(
          new JsonObject()
              .put("app_id", app.appId())
              .put("daily", daily)
              .put("channels", channels));
    }
    return new JsonObject()
        .put("format", FORMAT)
        .put("scenario", report.scenario())
        .put("faults", report.faults())
        .put("apps", apps);
  }

  private static JsonObject channel(ChannelExpectation channel) {
    JsonArray epochs = new JsonArray();
    for (EpochExpectation epoch : channel.epochs()) {
      epochs.add(
          new JsonObject()
              .put("create_ts", epoch.createTs())
              .put("destroy_ts", epoch.destroyTs())
              .put("peak_at", epoch.peakAt())
              .put("sessions", epoch.sessions())
              .put("figures", figures(epoch.figures())));
    }
    JsonArray users = new JsonArray();
    channel
        .userSeconds()
        .forEach(
            (uid, seconds) -> users.add(new JsonObject().put("uid", uid).put("seconds", seconds)));
    return new JsonObject()
        .put("channel_name", channel.channelName())
        .put("profile", channel.profile())
        .put("figures", figures(channel.figures()))
        .put("unasserted", new JsonObject(new LinkedHashMap<>(channel.unasserted())))
        .put(
            "sessions",
            new JsonObject()
                .put("total", channel.sessions())
                .put("estimated", channel.estimatedSessions())
                .put("inferred", channel.inferredSessions()))
        .put("epochs", epochs)
        .put("users", users);
  }

  private static JsonObject figures(ChannelFigures figures) {
    JsonObject json = new JsonObject();
    figures.asMap().forEach(json::put);
    return json;
  }

  public static ExpectedReport fromJson(JsonObject json) {
    if (!FORMAT.equals(json.getString("format"))) {
      throw new IllegalArgumentException(
          "not an expected-figures file (format " + json.getString("format") + ")");
    }
    List<AppExpectation> apps = new ArrayList<>();
    for (Object a : json.getJsonArray("apps")) {
      JsonObject app = (JsonObject) a;
      SortedMap<LocalDate, Long> daily = new TreeMap<>();
      for (Object d : app.getJsonArray("daily")) {
        JsonObject day = (JsonObject) d;
        daily.put(LocalDate.parse(day.getString("day")), day.getLong("seconds"));
      }
      List<ChannelExpectation> channels = new ArrayList<>();
      for (Object c : app.getJsonArray("channels")) {
        channels.add(readChannel((JsonObject) c));
      }
      apps.add(new AppExpectation(app.getString("app_id"), channels, daily));
    }
    return new ExpectedReport(json.getJsonObject("scenario"), json.getJsonObject("faults"), apps);
  }

  private static ChannelExpectation readChannel(JsonObject channel) {
    List<EpochExpectation> epochs = new ArrayList<>();
    for (Object e : channel.getJsonArray("epochs")) {
      JsonObject epoch = (JsonObject) e;
      epochs.add(
          new EpochExpectation(
              epoch.getLong("create_ts"),
              epoch.getLong("destroy_ts"),
              readFigures(epoch.getJsonObject("figures")),
              epoch.getLong("peak_at"),
              epoch.getInteger("sessions")));
    }
    SortedMap<Long, Long> users = new TreeMap<>();
    for (Object u : channel.getJsonArray("users")) {
      JsonObject user = (JsonObject) u;
      users.put(user.getLong("uid"), user.getLong("seconds"));
    }
    Map<String, String> unasserted = new LinkedHashMap<>();
    channel
        .getJsonObject("unasserted")
        .forEach(e -> unasserted.put(e.getKey(), (String) e.getValue()));
    JsonObject sessions = channel.getJsonObject("sessions");
    return new ChannelExpectation(
        channel.getString("channel_name"),
        channel.getString("profile"),
        readFigures(channel.getJsonObject("figures")),
        unasserted,
        epochs,
        users,
        sessions.getInteger("total"),
        sessions.getInteger("estimated"),
        sessions.getInteger("inferred"));
  }

  private static ChannelFigures readFigures(JsonObject json) {
    Map<String, Long> map = new LinkedHashMap<>();
    for (String name : ChannelFigures.NAMES) {
      map.put(name, json.getLong(name));
    }
    return ChannelFigures.fromMap(map);
  }
}
