package io.callpulse.simulator.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.simulator.compare.FigureComparison.Row;
import io.callpulse.simulator.compare.FigureComparison.Scope;
import io.callpulse.simulator.compare.FigureComparison.Verdict;
import io.callpulse.simulator.oracle.AppExpectation;
import io.callpulse.simulator.oracle.ChannelExpectation;
import io.callpulse.simulator.oracle.ChannelFigures;
import io.callpulse.simulator.oracle.EpochExpectation;
import io.callpulse.simulator.oracle.ExpectedReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The query API's JSON → the figures {@link FigureComparison} compares, on answers recorded in the
 * API's format ({@code src/test/resources/query-api}): one live channel with a reconnect overlap
 * (two sessions of one uid overlapping by 2 s), a role switch, a UTC midnight and an epoch whose
 * create_ts is null.
 */
class ApiFiguresTest {
  static final String APP = "demo-app-1";
  static final String CHANNEL = "room 1";
  static final String CHANNEL_PATH = "/api/channel/demo-app-1/room%201";
  static final String LIST_PATH = "/api/channels/demo-app-1?per_page=100&page=1";
  static final String USAGE_PATH =
      "/api/usage/demo-app-1?group_by=day&from=2026-11-19&to=2026-11-22";

  static final ExpectedReport EXPECTED =
      new ExpectedReport(
          new JsonObject(),
          new JsonObject(),
          List.of(
              new AppExpectation(
                  APP,
                  List.of(
                      new ChannelExpectation(
                          CHANNEL,
                          "live",
                          new ChannelFigures(2130, 1230, 900, 2, 2, 1, 1, 2),
                          Map.of(),
                          List.of(
                              new EpochExpectation(
                                  ts("2026-11-20T23:50:00Z"),
                                  ts("2026-11-21T00:10:00Z"),
                                  new ChannelFigures(1530, 1230, 300, 2, 2, 1, 1, 2),
                                  ts("2026-11-20T23:55:00Z"),
                                  3),
                              new EpochExpectation(
                                  ts("2026-11-21T01:00:00Z"),
                                  ts("2026-11-21T01:10:00Z"),
                                  new ChannelFigures(600, 0, 600, 1, 0, 1, 0, 1),
                                  ts("2026-11-21T01:00:00Z"),
                                  1)),
                          new TreeMap<>(Map.of(42L, 930L, 3_000_000_001L, 1200L)),
                          4,
                          1,
                          1)),
                  new TreeMap<>(
                      Map.of(
                          LocalDate.parse("2026-11-20"), 900L,
                          LocalDate.parse("2026-11-21"), 1230L)))));

  static long ts(String iso) {
    return Instant.parse(iso).getEpochSecond();
  }

  static JsonObject recorded(String name) {
    try (InputStream in = ApiFiguresTest.class.getResourceAsStream("/query-api/" + name)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The recorded answers by path; a path not in the map answers 404. */
  static Map<String, JsonObject> recordedAnswers() {
    Map<String, JsonObject> answers = new HashMap<>();
    answers.put(LIST_PATH, recorded("channels-page-1.json"));
    answers.put(CHANNEL_PATH, recorded("channel-room-1.json"));
    answers.put(USAGE_PATH, recorded("usage.json"));
    return answers;
  }

  static List<Row> compare(Map<String, JsonObject> answers) throws IOException {
    ApiFigures.Api api =
        (appId, path) -> {
          assertEquals(APP, appId);
          return answers.get(path);
        };
    return FigureComparison.compare(EXPECTED, ApiFigures.read(api, EXPECTED));
  }

  static Row row(List<Row> rows, Scope scope, String subject, String figure) {
    return rows.stream()
        .filter(r -> r.scope() == scope && r.subject().equals(subject) && r.figure().equals(figure))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + subject + " " + figure));
  }

  @Test
  void theRecordedAnswersMapOntoEveryFigure() {
    ApiFigures figures = new ApiFigures();
    figures.addChannel(APP, recorded("channel-room-1.json"));
    figures.addUsage(APP, recorded("usage.json"));
    Actual actual = figures.actual();
    ChannelKey key = new ChannelKey(APP, CHANNEL);

    assertEquals(
        EXPECTED.apps().get(0).channels().get(0).figures().asMap(), actual.channels().get(key));
    // epochs keyed by create_ts, else first_activity
    assertEquals(
        List.of(ts("2026-11-20T23:50:00Z"), ts("2026-11-21T01:00:00Z")),
        List.copyOf(actual.epochs().get(key).keySet()));
    assertEquals(
        1530L, actual.epochs().get(key).get(ts("2026-11-20T23:50:00Z")).get("total_seconds"));
    // the reconnect's 2 s overlap counts once: 23:50:00 → 00:10:00
    assertEquals(Map.of(42L, 930L, 3_000_000_001L, 1200L), actual.userSeconds().get(key));
    assertEquals(
        Map.of(LocalDate.parse("2026-11-20"), 900L, LocalDate.parse("2026-11-21"), 1230L),
        actual.dailySeconds().get(APP));
    assertTrue(actual.unavailable().isEmpty());
  }

  @Test
  void aCorrectApiMatchesTheTruthOnEveryScope() throws IOException {
    List<Row> rows = compare(recordedAnswers());

    assertTrue(FigureComparison.allMatch(rows), rows::toString);
    assertTrue(rows.stream().noneMatch(r -> r.verdict() == Verdict.SKIPPED));
    for (Scope scope : Scope.values()) {
      assertTrue(rows.stream().anyMatch(r -> r.scope() == scope), scope::toString);
    }
  }

  @Test
  void aWrongEpochFigureIsAMismatch() throws IOException {
    Map<String, JsonObject> answers = recordedAnswers();
    answers
        .get(CHANNEL_PATH)
        .getJsonArray("epochs")
        .getJsonObject(1)
        .put("peak_concurrent_users", 2);

    List<Row> rows = compare(answers);

    assertFalse(FigureComparison.allMatch(rows));
    Row peak =
        row(
            rows,
            Scope.EPOCH,
            APP + "/" + CHANNEL + "@" + ts("2026-11-21T01:00:00Z"),
            "peak_concurrent_users");
    assertEquals(Verdict.MISMATCH, peak.verdict());
  }

  @Test
  void truncatedSessionsSkipPerUserSecondsWithTheReason() throws IOException {
    Map<String, JsonObject> answers = recordedAnswers();
    answers.get(CHANNEL_PATH).put("sessions_truncated", true);

    List<Row> rows = compare(answers);

    Row user = row(rows, Scope.USER, APP + "/" + CHANNEL + " uid 42", "user_seconds");
    assertEquals(Verdict.SKIPPED, user.verdict());
    assertTrue(user.reason().contains("truncated"), user.reason());
    assertEquals(
        Verdict.MATCH, row(rows, Scope.CHANNEL, APP + "/" + CHANNEL, "total_seconds").verdict());
  }

  @Test
  void aFigureTheApiDoesNotGiveIsSkippedWithTheReasonNeverMatched() throws IOException {
    Map<String, JsonObject> answers = recordedAnswers();
    answers.get(CHANNEL_PATH).remove("role_switches");

    List<Row> rows = compare(answers);

    Row switches = row(rows, Scope.CHANNEL, APP + "/" + CHANNEL, "role_switches");
    assertEquals(Verdict.SKIPPED, switches.verdict());
    assertTrue(switches.reason().contains("no number role_switches"), switches.reason());
  }

  @Test
  void theOraclesUnassertedFiguresKeepTheirOwnReason() throws IOException {
    ChannelExpectation channel = EXPECTED.apps().get(0).channels().get(0);
    ChannelExpectation unasserted =
        new ChannelExpectation(
            channel.channelName(),
            channel.profile(),
            channel.figures(),
            Map.of("host_seconds", "lost join of uid 42 with role changes"),
            channel.epochs(),
            channel.userSeconds(),
            channel.sessions(),
            channel.estimatedSessions(),
            channel.inferredSessions());
    AppExpectation app = EXPECTED.apps().get(0);
    ExpectedReport report =
        new ExpectedReport(
            EXPECTED.scenario(),
            EXPECTED.faults(),
            List.of(new AppExpectation(APP, List.of(unasserted), app.dailySeconds())));
    Map<String, JsonObject> answers = recordedAnswers();
    answers.get(CHANNEL_PATH).put("host_seconds", 1);

    List<Row> rows =
        FigureComparison.compare(report, ApiFigures.read((a, path) -> answers.get(path), report));

    Row host = row(rows, Scope.CHANNEL, APP + "/" + CHANNEL, "host_seconds");
    assertEquals(Verdict.SKIPPED, host.verdict());
    assertTrue(host.reason().contains("lost join of uid 42"), host.reason());
    assertTrue(FigureComparison.allMatch(rows));
  }

  @Test
  void everyPageOfChannelsIsReadAndAChannelTheOracleDoesNotKnowIsAMismatch() throws IOException {
    Map<String, JsonObject> answers = recordedAnswers();
    answers.get(LIST_PATH).getJsonObject("pagination").put("total", 2).put("total_pages", 2);
    answers.put(
        "/api/channels/demo-app-1?per_page=100&page=2",
        new JsonObject()
            .put(
                "channels",
                new JsonArray().add(new JsonObject().put("channel_name", "test_webhook")))
            .put("pagination", new JsonObject().put("page", 2).put("total_pages", 2)));
    JsonObject healthCheck = recorded("channel-room-1.json").put("channel_name", "test_webhook");
    answers.put("/api/channel/demo-app-1/test_webhook", healthCheck);

    List<Row> rows = compare(answers);

    Row unexpected = row(rows, Scope.CHANNEL, APP + "/test_webhook", "unexpected_channel");
    assertEquals(Verdict.MISMATCH, unexpected.verdict());
  }

  @Test
  void aChannelTheApiDoesNotKnowIsComparedAgainstZero() throws IOException {
    Map<String, JsonObject> answers = recordedAnswers();
    answers.remove(CHANNEL_PATH);

    List<Row> rows = compare(answers);

    Row total = row(rows, Scope.CHANNEL, APP + "/" + CHANNEL, "total_seconds");
    assertEquals(Verdict.MISMATCH, total.verdict());
    assertEquals(null, total.actual());
  }

  @Test
  void anApiThatIsNotThereIsAnErrorNotAnEmptyResult() {
    IOException e =
        assertThrows(IOException.class, () -> ApiFigures.read((a, path) -> null, EXPECTED));
    assertNotNull(e.getMessage());
    assertTrue(e.getMessage().contains("404"));
  }

  @Test
  void pathSegmentsAreEncoded() {
    assertEquals("room%201%2Fa%2Bb", ApiFigures.segment("room 1/a+b"));
  }
}
