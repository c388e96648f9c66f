package io.callpulse.simulator.compare;

import io.callpulse.simulator.oracle.AppExpectation;
import io.callpulse.simulator.oracle.ChannelExpectation;
import io.callpulse.simulator.oracle.ChannelFigures;
import io.callpulse.simulator.oracle.ExpectedReport;
import io.callpulse.simulator.oracle.PresenceUnion;
import io.callpulse.simulator.oracle.PresenceUnion.Span;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the pipeline's figures through the read-only query API (package {@code io.callpulse.api} of
 * the gateway) instead of SQL, in the same {@link Actual} shape, so {@link FigureComparison} holds
 * the API to the same ground truth as the tables.
 *
 * <p>Per app: {@code GET /api/channels/{appId}} (every page) names the channels the API knows,
 * {@code GET /api/channel/{appId}/{channel}} gives each channel's figures, its epochs (matched by
 * {@code create_ts}, else {@code first_activity}, as the SQL path does) and its sessions, and
 * {@code GET /api/usage/{appId}?group_by=day} the seconds per UTC day over the expected days ± 1.
 * Per-user seconds are not a figure of the API: they are the union of each uid's session intervals
 * {@code [join_ts, leave_ts)} (rule 6, {@link PresenceUnion}). A figure the API does not give — a
 * field missing from an answer, or a channel whose session list the API truncated — is recorded in
 * {@link Actual#unavailable()} with the reason and compared as skipped, never as a match.
 */
public final class ApiFigures {
  static final String USER_SECONDS = "user_seconds";
  static final String DAY_SECONDS = "day_seconds";
  static final int PER_PAGE = 100;

  /** One GET of the query API with the app's key: the JSON answer, or null for a 404. */
  public interface Api {
    JsonObject get(String appId, String pathAndQuery) throws IOException;
  }

  private final SortedMap<ChannelKey, Map<String, Long>> channels = new TreeMap<>();
  private final SortedMap<ChannelKey, SortedMap<Long, Map<String, Long>>> epochs = new TreeMap<>();
  private final SortedMap<ChannelKey, SortedMap<Long, Long>> userSeconds = new TreeMap<>();
  private final SortedMap<String, SortedMap<LocalDate, Long>> dailySeconds = new TreeMap<>();
  private final Map<String, String> unavailable = new LinkedHashMap<>();

  ApiFigures() {}

  public static Actual read(Api api, ExpectedReport expected) throws IOException {
    ApiFigures figures = new ApiFigures();
    for (AppExpectation app : expected.apps()) {
      String appId = app.appId();
      Set<String> names = new TreeSet<>(listChannels(api, appId));
      app.channels().stream().map(ChannelExpectation::channelName).forEach(names::add);
      for (String name : names) {
        JsonObject detail = api.get(appId, "/api/channel/" + segment(appId) + "/" + segment(name));
        if (detail != null) { // 404: the API does not know the channel; compared against 0
          figures.addChannel(appId, detail);
        }
      }
      if (app.dailySeconds().isEmpty()) {
        figures.unavailable.put(appId + " " + DAY_SECONDS, "no expected day to ask the API about");
      } else {
        LocalDate from = app.dailySeconds().firstKey().minusDays(1);
        LocalDate to = app.dailySeconds().lastKey().plusDays(1);
        String path = "/api/usage/" + segment(appId) + "?group_by=day&from=" + from + "&to=" + to;
        figures.addUsage(appId, required(api, appId, path));
      }
    }
    return figures.actual();
  }

  private static List<String> listChannels(Api api, String appId) throws IOException {
    List<String> names = new ArrayList<>();
    long pages = 1;
    for (int page = 1; page <= pages; page++) {
      JsonObject answer =
          required(
              api,
              appId,
              "/api/channels/" + segment(appId) + "?per_page=" + PER_PAGE + "&page=" + page);
      for (Object channel : answer.getJsonArray("channels", new JsonArray())) {
        names.add(((JsonObject) channel).getString("channel_name"));
      }
      pages = answer.getJsonObject("pagination", new JsonObject()).getLong("total_pages", 1L);
    }
    return names;
  }

  private static JsonObject required(Api api, String appId, String path) throws IOException {
    JsonObject answer = api.get(appId, path);
    if (answer == null) {
      throw new IOException("the query API answered 404 for " + path + " (is it served there?)");
    }
    return answer;
  }

  /** Maps one {@code GET /api/channel/{appId}/{channel}} answer. */
  void addChannel(String appId, JsonObject detail) {
    ChannelKey key = new ChannelKey(appId, detail.getString("channel_name"));
    channels.put(key, figures(key, detail, "channel"));
    SortedMap<Long, Map<String, Long>> byCreate = new TreeMap<>();
    for (Object item : detail.getJsonArray("epochs", new JsonArray())) {
      JsonObject epoch = (JsonObject) item;
      String create = epoch.getString("create_ts");
      if (create == null) {
        create = epoch.getString("first_activity");
      }
      if (create == null) {
        throw new IllegalArgumentException(
            key
                + ": epoch "
                + epoch.getString("epoch_id")
                + " has no create_ts nor first_activity");
      }
      byCreate.put(Instant.parse(create).getEpochSecond(), figures(key, epoch, "epoch"));
    }
    epochs.put(key, byCreate);
    JsonArray sessions = detail.getJsonArray("sessions");
    if (sessions == null || detail.getBoolean("sessions_truncated", false)) {
      unavailable.put(
          key + " " + USER_SECONDS,
          sessions == null
              ? "the API's channel answer has no sessions"
              : "the API truncated the channel's sessions (maxRows)");
      return;
    }
    Map<Long, List<Span>> spans = new HashMap<>();
    for (Object item : sessions) {
      JsonObject session = (JsonObject) item;
      long join = Instant.parse(session.getString("join_ts")).getEpochSecond();
      String leave = session.getString("leave_ts");
      long end =
          leave != null
              ? Instant.parse(leave).getEpochSecond()
              : join + session.getLong("seconds", 0L);
      spans
          .computeIfAbsent(session.getLong("uid"), uid -> new ArrayList<>())
          .add(new Span(join, end));
    }
    SortedMap<Long, Long> users = new TreeMap<>();
    spans.forEach((uid, list) -> users.put(uid, PresenceUnion.length(PresenceUnion.merge(list))));
    userSeconds.put(key, users);
  }

  /** Maps one {@code GET /api/usage/{appId}?group_by=day} answer. */
  void addUsage(String appId, JsonObject usage) {
    SortedMap<LocalDate, Long> days = dailySeconds.computeIfAbsent(appId, a -> new TreeMap<>());
    for (Object item : usage.getJsonArray("series", new JsonArray())) {
      JsonObject point = (JsonObject) item;
      days.merge(LocalDate.parse(point.getString("period")), point.getLong("seconds"), Long::sum);
    }
  }

  private Map<String, Long> figures(ChannelKey key, JsonObject json, String what) {
    Map<String, Long> figures = new HashMap<>();
    for (String name : ChannelFigures.NAMES) {
      Object value = json.getValue(name);
      if (value instanceof Number number) {
        figures.put(name, number.longValue());
      } else {
        unavailable.putIfAbsent(
            key + " " + name, "the API's " + what + " answer has no number " + name);
      }
    }
    return figures;
  }

  Actual actual() {
    return new Actual(channels, epochs, userSeconds, dailySeconds, Map.copyOf(unavailable));
  }

  /** A path segment: URL-encoded, a space as %20 (not +). */
  static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
