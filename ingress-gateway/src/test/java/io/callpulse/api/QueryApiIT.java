package io.callpulse.api;

import static io.callpulse.api.QueryApiFixture.APP1;
import static io.callpulse.api.QueryApiFixture.APP2;
import static io.callpulse.api.QueryApiFixture.KEY1;
import static io.callpulse.api.QueryApiFixture.KEY1_ROTATED;
import static io.callpulse.api.QueryApiFixture.KEY2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.testsupport.ClickHouseDatabase;
import io.callpulse.testsupport.RealClickHouse;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The query API on port 0 against a real ClickHouse holding the rows of {@link QueryApiFixture}.
 */
@ExtendWith(VertxExtension.class)
@RealClickHouse
class QueryApiIT {

  private static int port;
  private static WebClient client;
  private static ClickHouseDatabase database;

  @BeforeAll
  static void start(Vertx vertx, ClickHouseDatabase db) throws Exception {
    database = db;
    CallPulseSchema.create(db);
    QueryApiFixture.insert(db);
    QueryApiConfig config =
        QueryApiConfig.of(
                "http://127.0.0.1:" + db.server().httpPort(),
                db.name(),
                db.user(),
                db.password(),
                Map.of(APP1, List.of(KEY1, KEY1_ROTATED), APP2, List.of(KEY2)))
            .withListen("127.0.0.1", 0);
    Clock march6 = Clock.fixed(Instant.parse("2025-03-06T12:00:00Z"), ZoneOffset.UTC);
    QueryApiVerticle verticle = new QueryApiVerticle(config, march6);
    vertx
        .deployVerticle(verticle)
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    port = verticle.actualPort();
    client = WebClient.create(vertx);
  }

  @Test
  void listsAnAppsChannelsNewestFirstWithFiguresAcrossEpochs() {
    JsonObject answer = get(200, "/api/channels/app1", KEY1);
    JsonArray channels = answer.getJsonArray("channels");
    assertEquals(2, channels.size(), "room-c was merged away (is_deleted), app2 is another app");
    JsonObject roomB = channels.getJsonObject(0);
    assertEquals("room-b", roomB.getString("channel_name"));
    assertEquals(60, roomB.getLong("total_seconds"), "the newer version of the replayed row wins");
    JsonObject roomA = channels.getJsonObject(1);
    assertEquals("room-a", roomA.getString("channel_name"));
    assertEquals(1380, roomA.getLong("total_seconds"));
    assertEquals(new BigDecimal("23.00"), minutes(roomA, "total_minutes"));
    assertEquals(3, roomA.getLong("unique_users"), "uid 1 is in both epochs: 3 users, not 2 + 2");
    assertEquals(2, roomA.getLong("epochs"));
    assertEquals("2025-03-01T10:00:00Z", roomA.getString("first_activity"));
    assertEquals("2025-03-02T09:05:00Z", roomA.getString("last_activity"));
    assertEquals(new JsonArray(List.of(-1, 10)), roomA.getJsonArray("client_types"));
    assertEquals(new JsonArray(List.of(1, 2, 6, 7)), roomA.getJsonArray("platforms"));
    assertEquals(
        new JsonObject().put("page", 1).put("per_page", 50).put("total", 2).put("total_pages", 1),
        answer.getJsonObject("pagination"));
  }

  @Test
  void paginates() {
    JsonObject second = get(200, "/api/channels/app1?per_page=1&page=2", KEY1);
    assertEquals(List.of("room-a"), names(second));
    assertEquals(
        new JsonObject().put("page", 2).put("per_page", 1).put("total", 2).put("total_pages", 2),
        second.getJsonObject("pagination"));
    assertEquals(List.of(), names(get(200, "/api/channels/app1?per_page=1&page=3", KEY1)));
  }

  @Test
  void filtersCombineWithAnd() {
    assertEquals(List.of("room-b"), names(get(200, "/api/channels/app1?q=ROOM-B", KEY1)));
    JsonObject secondDay =
        get(200, "/api/channels/app1?start_date=2025-03-02&end_date=2025-03-02", KEY1);
    assertEquals(List.of("room-a"), names(secondDay));
    JsonObject roomA = secondDay.getJsonArray("channels").getJsonObject(0);
    assertEquals(480, roomA.getLong("total_seconds"), "only the epoch overlapping the range");
    assertEquals(2, roomA.getLong("unique_users"));
    assertEquals(1, roomA.getLong("epochs"));
    assertEquals(
        480, channel(get(200, "/api/channels/app1?platform=6", KEY1)).getLong("total_seconds"));
    assertEquals(
        480, channel(get(200, "/api/channels/app1?client_type=10", KEY1)).getLong("total_seconds"));
    assertEquals(
        1380,
        channel(get(200, "/api/channels/app1?client_type=-1&role=audience", KEY1))
            .getLong("total_seconds"));
    assertEquals(List.of(), names(get(200, "/api/channels/app1?platform=5&role=audience", KEY1)));
    assertEquals(
        List.of("room-b"),
        names(get(200, "/api/channels/app1?platform=5&role=host&start_date=2025-03-05", KEY1)));
  }

  @Test
  void describesAChannelAcrossItsEpochs() {
    JsonObject room = get(200, "/api/channel/app1/room-a", KEY1);
    assertEquals(1380, room.getLong("total_seconds"));
    assertEquals(new BigDecimal("23.00"), minutes(room, "total_minutes"));
    assertEquals(840, room.getLong("host_seconds"));
    assertEquals(540, room.getLong("audience_seconds"));
    assertEquals(3, room.getLong("unique_users"));
    assertEquals(3, room.getLong("unique_hosts"));
    assertEquals(2, room.getLong("unique_audiences"));
    assertEquals(1, room.getLong("role_switches"));
    assertEquals(2, room.getLong("peak_concurrent_users"));
    assertEquals("2025-03-01T10:02:00Z", room.getString("peak_at"), "the first epoch at the peak");
    assertEquals(2, room.getJsonArray("epochs").size());
    JsonArray sessions = room.getJsonArray("sessions");
    assertEquals(4, sessions.size());
    JsonObject bob = sessions.getJsonObject(1);
    assertEquals(2, bob.getLong("uid"));
    assertEquals("2025-03-01T10:02:00Z", bob.getString("join_ts"));
    assertEquals("2025-03-01T10:07:00Z", bob.getString("leave_ts"));
    assertEquals(300, bob.getLong("seconds"));
    assertEquals(new BigDecimal("5.00"), minutes(bob, "minutes"));
    assertEquals(60, bob.getLong("host_seconds"));
    assertEquals(240, bob.getLong("audience_seconds"));
    assertEquals(1, bob.getLong("role_switches"));
    assertEquals(7, bob.getInteger("platform"));
    assertNull(bob.getInteger("client_type"));
    assertEquals(2, bob.getInteger("reason"));
    assertFalse(bob.getBoolean("inferred"));
    assertTrue(sessions.getJsonObject(2).getBoolean("inferred"));
    assertTrue(sessions.getJsonObject(3).getBoolean("estimated"));
    assertFalse(room.getBoolean("sessions_truncated"));

    JsonObject secondEpoch = get(200, "/api/channel/app1/room-a?epoch=e2", KEY1);
    assertEquals(480, secondEpoch.getLong("total_seconds"));
    assertEquals(2, secondEpoch.getLong("unique_users"));
    assertEquals("2025-03-02T09:01:00Z", secondEpoch.getString("peak_at"));
    assertEquals(2, secondEpoch.getJsonArray("sessions").size());
  }

  @Test
  void unknownChannelsAndEpochsAre404() {
    assertEquals("not_found", get(404, "/api/channel/app1/nowhere", KEY1).getString("error"));
    assertEquals("not_found", get(404, "/api/channel/app1/room-c", KEY1).getString("error"));
    assertEquals(
        "not_found", get(404, "/api/channel/app1/room-a?epoch=x1", KEY1).getString("error"));
    assertEquals(
        "not_found", get(404, "/api/channel/app1/nowhere/concurrency", KEY1).getString("error"));
    assertEquals("not_found", get(404, "/api/user/app1/424242", KEY1).getString("error"));
  }

  @Test
  void concurrencyIsTheStepFunctionOrItsMaximumPerBucket() {
    JsonObject steps = get(200, "/api/channel/app1/room-a/concurrency", KEY1);
    assertEquals(9, steps.getJsonArray("points").size());
    JsonObject second = steps.getJsonArray("points").getJsonObject(1);
    assertEquals("2025-03-01T10:02:00Z", second.getString("ts"));
    assertEquals(2, second.getLong("users"));
    assertEquals(2, second.getLong("hosts"));

    JsonObject buckets = get(200, "/api/channel/app1/room-a/concurrency?epoch=e1&step=300", KEY1);
    assertEquals(
        new JsonArray()
            .add(point("2025-03-01T10:00:00Z", 2, 2, 1))
            .add(point("2025-03-01T10:05:00Z", 2, 1, 1))
            .add(point("2025-03-01T10:10:00Z", 0, 0, 0)),
        buckets.getJsonArray("points"));
  }

  @Test
  void describesAUserAcrossChannels() {
    JsonObject user = get(200, "/api/user/app1/1", KEY1);
    assertEquals(900, user.getLong("total_seconds"), "room-c's session was deleted");
    assertEquals(new BigDecimal("15.00"), minutes(user, "total_minutes"));
    assertEquals(new JsonArray(List.of(1, 2)), user.getJsonArray("platforms"));
    assertEquals(new JsonArray(List.of("sid-1", "sid-2")), user.getJsonArray("sids"));
    JsonArray channels = user.getJsonArray("channels");
    assertEquals(1, channels.size());
    assertEquals(2, channels.getJsonObject(0).getInteger("sessions"));
    assertEquals(900, channels.getJsonObject(0).getLong("seconds"));
    assertEquals(2, user.getJsonArray("sessions").size());
  }

  @Test
  void usageSeriesByDayMonthAndDimension() {
    JsonObject days = get(200, "/api/usage/app1?from=2025-03-01&to=2025-03-31", KEY1);
    assertEquals(
        new JsonArray()
            .add(usage("2025-03-01", 900))
            .add(usage("2025-03-02", 480))
            .add(usage("2025-03-05", 60)),
        days.getJsonArray("series"));
    assertEquals(1440, days.getLong("total_seconds"));

    JsonObject months =
        get(200, "/api/usage/app1?from=2025-01-01&to=2025-12-31&group_by=month", KEY1);
    assertEquals(
        new JsonArray().add(usage("2025-03", 1440)).add(usage("2025-04", 90)),
        months.getJsonArray("series"));

    JsonObject roles =
        get(200, "/api/usage/app1?from=2025-03-01&to=2025-03-01&group_by=day,role", KEY1);
    assertEquals(
        new JsonArray()
            .add(usage("2025-03-01", 240).put("role", "audience"))
            .add(usage("2025-03-01", 660).put("role", "host")),
        roles.getJsonArray("series"));

    JsonObject clientTypes =
        get(200, "/api/usage/app1?from=2025-03-02&to=2025-03-02&group_by=day,client_type", KEY1);
    assertEquals(
        new JsonArray()
            .add(usage("2025-03-02", 300).put("client_type", -1))
            .add(usage("2025-03-02", 180).put("client_type", 10)),
        clientTypes.getJsonArray("series"));

    JsonObject lastThirtyDays = get(200, "/api/usage/app1", KEY1);
    assertEquals("2025-02-05", lastThirtyDays.getString("from"));
    assertEquals("2025-03-06", lastThirtyDays.getString("to"));
    assertEquals(1440, lastThirtyDays.getLong("total_seconds"));
  }

  @Test
  void everyRouteNeedsAKeyOfThatApp() {
    for (String path :
        List.of(
            "/api/channels/app1",
            "/api/channel/app1/room-a",
            "/api/channel/app1/room-a/concurrency",
            "/api/user/app1/1",
            "/api/usage/app1")) {
      assertEquals("unauthorized", get(401, path, null).getString("error"), path);
      assertEquals("unauthorized", get(401, path, KEY2).getString("error"), path);
      assertEquals("unauthorized", get(401, path, "not-a-key-of-anyone-at-all").getString("error"));
      get(200, path, KEY1_ROTATED);
    }
    assertEquals("unauthorized", get(401, "/api/channels/app3", KEY1).getString("error"));
    assertEquals(1, get(200, "/api/channels/app2", KEY2).getJsonArray("channels").size());
  }

  @Test
  void badParametersAre400AndNameTheParameter() {
    Map<String, String> cases =
        Map.ofEntries(
            Map.entry("/api/channels/app1?page=0", "page"),
            Map.entry("/api/channels/app1?page=x", "page"),
            Map.entry("/api/channels/app1?per_page=501", "per_page"),
            Map.entry("/api/channels/app1?start_date=2025-13-01", "start_date"),
            Map.entry("/api/channels/app1?end_date=yesterday", "end_date"),
            Map.entry("/api/channels/app1?start_date=2025-03-02&end_date=2025-03-01", "end_date"),
            Map.entry("/api/channels/app1?platform=android", "platform"),
            Map.entry("/api/channels/app1?client_type=-2", "client_type"),
            Map.entry("/api/channels/app1?role=admin", "role"),
            Map.entry("/api/channels/app1?q=" + "x".repeat(300), "q"),
            Map.entry("/api/channel/app1/room-a/concurrency?step=0", "step"),
            Map.entry("/api/user/app1/abc", "uid"),
            Map.entry("/api/user/app1/4294967296", "uid"),
            Map.entry("/api/user/app1/-1", "uid"),
            Map.entry("/api/usage/app1?group_by=week", "group_by"),
            Map.entry("/api/usage/app1?group_by=day,country", "group_by"),
            Map.entry("/api/usage/app1?from=2025-03-05&to=2025-03-01", "to"));
    cases.forEach(
        (path, parameter) -> {
          JsonObject error = get(400, path, KEY1);
          assertEquals("bad_parameter", error.getString("error"), path);
          assertEquals(parameter, error.getString("parameter"), path);
          assertTrue(error.getString("message").startsWith(parameter), error.encode());
        });
  }

  /**
   * Classic injection payloads through every parameter: each is answered as plain data (400, 401,
   * 404 or an empty result), never as a server error, never with another app's rows, and the tables
   * are intact afterwards.
   */
  @Test
  void sqlInjectionThroughEveryParameterIsJustData() {
    long epochsBefore = count("channel_epochs");
    List<String> payloads =
        List.of(
            "' OR '1'='1",
            "x' OR 1=1 --",
            "room-a' UNION ALL SELECT * FROM system.tables --",
            "1; DROP TABLE channel_epochs",
            "'); DROP TABLE channel_epochs; --",
            "{app:String}",
            "app2",
            "\\' OR 1=1 #",
            "1 OR 1=1");
    for (String payload : payloads) {
      String p = enc(payload);
      List<String> paths =
          List.of(
              "/api/channels/" + p,
              "/api/channels/app1?q=" + p,
              "/api/channels/app1?start_date=" + p,
              "/api/channels/app1?end_date=" + p,
              "/api/channels/app1?platform=" + p,
              "/api/channels/app1?client_type=" + p,
              "/api/channels/app1?role=" + p,
              "/api/channels/app1?page=" + p,
              "/api/channels/app1?per_page=" + p,
              "/api/channel/app1/" + p,
              "/api/channel/app1/room-a?epoch=" + p,
              "/api/channel/app1/" + p + "/concurrency",
              "/api/channel/app1/room-a/concurrency?epoch=" + p,
              "/api/channel/app1/room-a/concurrency?step=" + p,
              "/api/user/app1/" + p,
              "/api/usage/app1?from=" + p,
              "/api/usage/app1?to=" + p,
              "/api/usage/app1?group_by=" + p,
              "/api/usage/app1?group_by=day," + p);
      for (String path : paths) {
        HttpResponse<Buffer> response = send(path, KEY1);
        int status = response.statusCode();
        assertTrue(
            status == 400 || status == 401 || status == 404 || status == 200,
            path + " -> " + status + " " + response.bodyAsString());
        assertFalse(response.bodyAsString().contains("99999"), path + " leaked app2's data");
        assertFalse(response.bodyAsString().contains("sid-app2"), path + " leaked app2's data");
        if (status == 200 && path.contains("q=")) {
          assertEquals(List.of(), names(response.bodyAsJsonObject()), path);
        }
      }
    }
    assertEquals(epochsBefore, count("channel_epochs"), "the tables are untouched");
  }

  @Test
  void anUnreachableClickHouseIs503(Vertx vertx) throws Exception {
    QueryApiConfig config =
        QueryApiConfig.of(
                "http://127.0.0.1:" + closedPort(),
                "callpulse",
                "u",
                "",
                Map.of(APP1, List.of(KEY1)))
            .withListen("127.0.0.1", 0);
    QueryApiVerticle verticle = new QueryApiVerticle(config);
    String id =
        vertx
            .deployVerticle(verticle)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    try {
      HttpResponse<Buffer> response =
          client
              .get(verticle.actualPort(), "127.0.0.1", "/api/channels/app1")
              .putHeader("Authorization", "Bearer " + KEY1)
              .send()
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      assertEquals(503, response.statusCode());
      assertEquals("storage_unavailable", response.bodyAsJsonObject().getString("error"));
    } finally {
      vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void unknownPathsAreJson404() {
    assertEquals("not_found", get(404, "/api/nothing/here", KEY1).getString("error"));
  }

  private static long count(String table) {
    return Long.parseLong(database.query("SELECT count() FROM " + table).get(0).get(0));
  }

  private static JsonObject point(String ts, long users, long hosts, long audiences) {
    return new JsonObject()
        .put("ts", ts)
        .put("users", users)
        .put("hosts", hosts)
        .put("audiences", audiences);
  }

  private static JsonObject usage(String period, long seconds) {
    return new JsonObject()
        .put("period", period)
        .put("seconds", seconds)
        .put(
            "minutes",
            new BigDecimal(seconds)
                .divide(BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP));
  }

  private static BigDecimal minutes(JsonObject object, String field) {
    return new BigDecimal(object.getValue(field).toString()).setScale(2);
  }

  private static List<String> names(JsonObject answer) {
    return answer.getJsonArray("channels").stream()
        .map(c -> ((JsonObject) c).getString("channel_name"))
        .toList();
  }

  private static JsonObject channel(JsonObject answer) {
    assertEquals(1, answer.getJsonArray("channels").size(), answer.encode());
    return answer.getJsonArray("channels").getJsonObject(0);
  }

  private static JsonObject get(int expectedStatus, String path, String key) {
    HttpResponse<Buffer> response = send(path, key);
    assertEquals(expectedStatus, response.statusCode(), path + ": " + response.bodyAsString());
    assertTrue(
        response.getHeader("Content-Type").startsWith("application/json"),
        path + " must answer JSON");
    return response.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> send(String path, String key) {
    HttpRequest<Buffer> request = client.get(port, "127.0.0.1", path);
    if (key != null) {
      request.putHeader("Authorization", "Bearer " + key);
    }
    try {
      return request.send().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("request " + path + " failed", e);
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
