package io.callpulse.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.callpulse.testsupport.ClickHouseDatabase;
import io.callpulse.testsupport.RealClickHouse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every panel's SQL, expanded as Grafana and the ClickHouse plugin expand it, run against a real
 * ClickHouse with the real schema and the known rows of fixtures/dashboard-day.sql; key panels must
 * show the figures computed by hand from those rows.
 */
@RealClickHouse
class DashboardQueriesIT {

  private static final Pattern DATA_FIELD = Pattern.compile("\\$\\{__data\\.fields\\.(\\w+)");
  private static ClickHouseDatabase db;

  /** What a user picks on the single-app dashboards; every other variable stays at All. */
  private static final Map<String, VariableValue> FIRST_VIEW =
      Map.of(
          "app", VariableValue.single("acme"),
          "channel", VariableValue.single("room-1"),
          "uid", VariableValue.single("1001"),
          "search", VariableValue.single(""));

  @BeforeAll
  static void knownRows(ClickHouseDatabase database) throws Exception {
    db = database;
    KnownData.load(db, KnownData.DASHBOARD_DAY);
  }

  private static DashboardRun open(String dashboard, Map<String, VariableValue> chosen) {
    Map<String, VariableValue> values = new HashMap<>(chosen);
    Dashboard d = Dashboard.named(dashboard);
    FIRST_VIEW.forEach(
        (name, value) -> {
          boolean multiApp =
              name.equals("app") && d.variable("app").get().path("multi").asBoolean();
          if (!multiApp && d.variable(name).isPresent()) {
            values.putIfAbsent(name, value);
          }
        });
    return DashboardRun.open(db, dashboard, values);
  }

  private static BigDecimal number(String text) {
    return new BigDecimal(text);
  }

  private static void assertNumber(String expected, String actual, String what) {
    assertEquals(0, number(expected).compareTo(number(actual)), what + ": " + actual);
  }

  @Test
  void everyPanelReturnsRowsWithAllSelectedAndItsLinksUseItsColumns() {
    int queries = 0;
    for (Dashboard dashboard : Dashboard.all()) {
      DashboardRun run = open(dashboard.name(), Map.of());
      for (JsonNode panel : dashboard.panels()) {
        for (JsonNode target : panel.path("targets")) {
          String where = Dashboard.describe(dashboard, panel, target);
          String sql = run.sql(target);
          List<Map<String, String>> rows = KnownData.panelRows(db, where, sql);
          assertFalse(rows.isEmpty(), where + " returned no rows:\n" + sql);
          queries++;
          Set<String> columns = KnownData.columns(db, sql).keySet();
          for (String url : DashboardStructureTest.linkUrls(panel)) {
            Matcher field = DATA_FIELD.matcher(url);
            while (field.find()) {
              assertTrue(columns.contains(field.group(1)), where + ": link uses " + field.group());
            }
          }
          if (panel.path("type").asText().equals("timeseries")) {
            assertTrue(columns.contains("time"), where + ": a time series needs a time column");
          }
        }
      }
    }
    assertTrue(queries >= 35, "queries run: " + queries);
  }

  @Test
  void everyPanelRunsWithEveryFilterSet() {
    Map<String, VariableValue> filters =
        Map.of(
            "app", VariableValue.multi("acme", "o'brien"),
            "platform", VariableValue.multi("6", "1"),
            "client_type", VariableValue.multi("10", "-1"),
            "role", VariableValue.multi("host"),
            "search", VariableValue.single("ROOM"),
            "epoch", VariableValue.multi("e-r1"),
            "uid", VariableValue.single("1003"));
    for (Dashboard dashboard : Dashboard.all()) {
      Map<String, VariableValue> chosen = new HashMap<>(filters);
      if (!dashboard.variable("app").get().path("multi").asBoolean()) {
        chosen.put("app", VariableValue.single("acme"));
        chosen.put("channel", VariableValue.single("room-1"));
      }
      DashboardRun run =
          DashboardRun.open(
              db, dashboard, chosen, DashboardRun.DAY, DashboardRun.DAY.plusSeconds(86_400));
      for (JsonNode panel : dashboard.panels()) {
        for (JsonNode target : panel.path("targets")) {
          String sql = run.sql(target);
          try {
            KnownData.rows(db, sql);
          } catch (RuntimeException e) {
            throw new AssertionError(Dashboard.describe(dashboard, panel, target) + ":\n" + sql, e);
          }
        }
      }
    }
  }

  @Test
  void variableQueriesListAppsAndTheChannelsLiveEpochs() {
    DashboardRun run = open("channel-detail", Map.of());
    Dashboard d = run.dashboard();
    assertEquals(
        List.of("acme", "globex"),
        DashboardRun.optionsOf(db, d.variable("app").get(), run.context()));
    assertEquals(
        List.of("e-r1"),
        DashboardRun.optionsOf(db, d.variable("epoch").get(), run.context()),
        "the merged provisional epoch (is_deleted) must not be offered");
  }

  @Test
  void usageOverviewShowsTheDaysMinutesUsersAndPeak() {
    DashboardRun run = open("usage-overview", Map.of());
    Map<String, String> minutes = run.row("Minutes");
    assertNumber("97", minutes.get("total_minutes"), "62 + 15 + 20 minutes");
    assertNumber("60", minutes.get("host_minutes"), "host");
    assertNumber("37", minutes.get("audience_minutes"), "audience");
    assertNumber("6", run.row("Unique users").get("unique_users"), "users");
    assertNumber("3", run.row("Channels").get("channels"), "channels");
    assertNumber("8", run.row("Sessions").get("sessions"), "sessions");
    BigDecimal peak =
        run.rows("Peak concurrent users").stream()
            .filter(r -> r.get("app_id").equals("acme"))
            .map(r -> number(r.get("peak_users")))
            .max(Comparator.naturalOrder())
            .orElseThrow();
    assertNumber("5", peak.toPlainString(), "acme's peak: room-1's 3 + room-2's 2 at 10:16");
    Map<String, String> byPlatform = new TreeMap<>();
    run.rows("Minutes by platform")
        .forEach(r -> byPlatform.put(r.get("platform_code"), r.get("minutes")));
    assertEquals(Set.of("1", "2", "5", "6", "7", "8"), byPlatform.keySet());
    assertNumber("10", byPlatform.get("6"), "Linux minutes");
    assertEquals("room-1", run.rows("Top channels").get(0).get("channel_name"));
    assertNumber("62", run.rows("Top channels").get(0).get("minutes"), "room-1 minutes");
  }

  /**
   * The app-wide peak per minute (view app_concurrency_minute) is the sum of the channels' step
   * functions, worked out by hand from fixtures/dashboard-day.sql: room-1 steps to 1, 2, 3, 4
   * (10:12; a superseded version said 5), 3 (10:14), 3 (10:15), 2 (10:20), 1 (10:25), 0 (10:30);
   * room-2 to 2 (10:16), 1 (10:21), 0 (10:26, its epoch ends); the deleted provisional epoch adds
   * nothing.
   */
  @Test
  void appWidePeakPerMinuteIsTheSumOfTheChannels() {
    DashboardRun run =
        DashboardRun.open(
            db,
            Dashboard.named("usage-overview"),
            Map.of("app", VariableValue.multi("acme")),
            Instant.parse("2025-03-10T10:00:00Z"),
            Instant.parse("2025-03-10T10:35:00Z"),
            Duration.ofMinutes(1));
    List<String> minutes =
        run.rows("Peak concurrent users").stream()
            .map(
                r ->
                    r.get("time").substring(11, 16)
                        + " "
                        + r.get("app_id")
                        + " "
                        + r.get("peak_users"))
            .toList();
    List<String> expected = new ArrayList<>();
    int[] levels = {
      1,
      1,
      1,
      1,
      1, // 10:00-10:04 room-1: 1001
      2,
      2,
      2,
      2,
      2, // 10:05-10:09 + 1002 (flat minutes: no change in them, level carried)
      3,
      3, // 10:10-10:11 + 1003
      4,
      4, // 10:12-10:13 + 1004
      3, // 10:14 1004 left at 10:14:00
      3, // 10:15 1003 becomes host, 1001 reconnects: still 3
      5,
      5,
      5,
      5, // 10:16-10:19 room-1 3 + room-2 2 (2001 and 1001, who is in both channels)
      4, // 10:20 room-1 2 + room-2 2
      3,
      3,
      3,
      3, // 10:21-10:24 room-1 2 + room-2 1
      2, // 10:25 room-1 1 + room-2 1
      1,
      1,
      1,
      1, // 10:26-10:29 room-2's epoch ended at 10:26:00
      0, // 10:30 room-1's epoch ended at 10:30:00: a row of 0
      0,
      0,
      0,
      0 // 10:31-10:34 nobody: no view rows, filled with 0 by the panel
    };
    for (int i = 0; i < levels.length; i++) {
      expected.add(String.format("10:%02d acme %d", i, levels[i]));
    }
    assertEquals(expected, minutes);
  }

  @Test
  void usageFiltersNarrowTheFigures() {
    assertNumber(
        "10",
        open(
                "usage-overview",
                Map.of(
                    "platform", VariableValue.multi("6"),
                    "client_type", VariableValue.multi("10")))
            .row("Minutes")
            .get("total_minutes"),
        "Linux cloud recording");
    DashboardRun hosts = open("usage-overview", Map.of("role", VariableValue.multi("host")));
    assertNumber("60", hosts.row("Minutes").get("total_minutes"), "host minutes");
    assertNumber("5", hosts.row("Sessions").get("sessions"), "sessions with host time");
    assertNumber(
        "87",
        open("usage-overview", Map.of("client_type", VariableValue.multi("-1")))
            .row("Minutes")
            .get("total_minutes"),
        "users without clientType");
    assertNumber(
        "77",
        open("usage-overview", Map.of("app", VariableValue.multi("acme")))
            .row("Minutes")
            .get("total_minutes"),
        "acme only");
  }

  @Test
  void channelListShowsEachChannelOnceWithItsFigures() {
    List<Map<String, String>> rows = open("channels", Map.of()).rows("Channels");
    assertEquals(
        List.of("room-1", "lobby", "room-2"),
        rows.stream().map(r -> r.get("channel_name")).toList());
    Map<String, String> room1 = rows.get(0);
    assertNumber("62", room1.get("minutes"), "minutes");
    assertNumber("4", room1.get("users"), "users");
    assertNumber("1", room1.get("epochs"), "the merged provisional epoch is deleted");
    assertNumber("4", room1.get("peak_users"), "peak");
    assertEquals("2025-03-10 10:00:00", room1.get("first_seen"));
    assertEquals("2025-03-10 10:30:00", room1.get("last_seen"));
    assertEquals("-1", room1.get("main_client_type"));
    assertEquals("-1, 10", room1.get("client_types"));
    List<Map<String, String>> searched =
        open("channels", Map.of("search", VariableValue.single("LOB"))).rows("Channels");
    assertEquals(List.of("lobby"), searched.stream().map(r -> r.get("channel_name")).toList());
  }

  @Test
  void channelDetailMatchesTheSessionsUnionAndPeak() {
    DashboardRun run = open("channel-detail", Map.of());
    List<Map<String, String>> sessions = run.rows("User sessions");
    assertEquals(5, sessions.size(), "superseded session versions must not show");
    long unionSeconds = PresenceUnion.totalSeconds(sessions);
    int peak = PresenceUnion.peak(sessions);
    assertEquals(3720, unionSeconds, "fixture check: the union of the inserted sessions");
    assertEquals(4, peak, "fixture check: the sweep of the inserted sessions");

    Map<String, String> figures = run.row("Channel figures");
    assertNumber(Long.toString(unionSeconds / 60), figures.get("total_minutes"), "minutes");
    assertNumber(Integer.toString(peak), figures.get("peak_concurrent_users"), "peak");
    assertNumber("1", figures.get("epochs"), "epochs");
    assertNumber("1", figures.get("role_switches"), "switches");
    Map<String, String> people = run.row("Users and sessions");
    assertNumber("4", people.get("unique_users"), "users");
    assertNumber("5", people.get("sessions"), "sessions");
    assertNumber("1", people.get("inferred"), "inferred");
    assertNumber("1", people.get("estimated"), "estimated");

    List<Map<String, String>> steps = run.rows("Concurrent users (🎤 host / 👂 audience)");
    int stackedPeak =
        steps.stream()
            .mapToInt(s -> Integer.parseInt(s.get("hosts")) + Integer.parseInt(s.get("audiences")))
            .max()
            .orElseThrow();
    assertEquals(peak, stackedPeak, "stacked host + audience steps");
    assertEquals(10, steps.size(), "9 steps and the one in force at the range start");

    Map<String, String> roles = new HashMap<>();
    sessions.forEach(s -> roles.merge(s.get("uid"), s.get("role"), (a, b) -> a));
    assertEquals(
        Map.of("1001", "host", "1002", "audience", "1003", "switch", "1004", "audience"), roles);
    Map<String, String> reasons =
        run.rows("Leave reasons").stream()
            .collect(Collectors.toMap(r -> r.get("reason_code"), r -> r.get("sessions")));
    assertEquals(Map.of("1", "2", "-1", "1", "999", "1", "2", "1"), reasons);
  }

  @Test
  void userDetailFollowsOneUidAcrossChannels() {
    DashboardRun run = open("user-detail", Map.of());
    Map<String, String> minutes = run.row("Minutes and channels");
    assertNumber("30", minutes.get("minutes"), "1500 s in room-1 + 300 s in room-2");
    assertNumber("2", minutes.get("channels"), "channels");
    Map<String, String> sessions = run.row("Sessions");
    assertNumber("3", sessions.get("sessions"), "sessions");
    assertNumber("3", sessions.get("sids"), "sids");
    assertEquals(
        List.of("room-1", "room-1", "room-2"),
        run.rows("Sessions across channels").stream().map(r -> r.get("channel_name")).toList());
  }

  @Test
  void pipelineHealthCountsRefusalsDeadLettersAndStorage() {
    DashboardRun run = open("pipeline-health", Map.of());
    Map<String, String> requests = run.row("Webhook requests");
    assertNumber("9", requests.get("accepted"), "accepted incl. health checks");
    assertNumber("7", requests.get("refused"), "refused");
    assertNumber("7", requests.get("signature_failures"), "401s");
    Map<String, String> job = run.row("Job and dead letters");
    assertNumber("5", job.get("not_applied_events"), "events not applied");
    assertNumber("3", job.get("dead_letters"), "dead letters");
    Map<String, String> tables = new HashMap<>();
    run.rows("Rows per table").forEach(r -> tables.put(r.get("table"), r.get("row_count")));
    assertNumber("7", tables.get("raw_events"), "raw_events rows");
    BigDecimal worstLag =
        run.rows("Delivery lag (received_at − notifyMs)").stream()
            .map(r -> number(r.get("max")))
            .max(Comparator.naturalOrder())
            .orElseThrow();
    assertNumber("2.25", worstLag.toPlainString(), "the resend received 2.25 s after notifyMs");
  }

  /** Presence union and concurrency peak computed from session rows (agora-ncs.md rules 6, 8). */
  static final class PresenceUnion {
    private PresenceUnion() {}

    static long totalSeconds(List<Map<String, String>> sessions) {
      return merged(sessions).values().stream()
          .flatMap(List::stream)
          .mapToLong(i -> i[1] - i[0])
          .sum();
    }

    static int peak(List<Map<String, String>> sessions) {
      List<long[]> events = new ArrayList<>(); // time, +1 join / -1 leave
      merged(sessions).values().stream()
          .flatMap(List::stream)
          .forEach(
              i -> {
                events.add(new long[] {i[0], 1});
                events.add(new long[] {i[1], -1});
              });
      events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
      int present = 0;
      int peak = 0;
      for (long[] event : events) {
        present += (int) event[1];
        peak = Math.max(peak, present);
      }
      return peak;
    }

    private static Map<String, List<long[]>> merged(List<Map<String, String>> sessions) {
      Map<String, List<long[]>> byUser = new TreeMap<>();
      for (Map<String, String> s : sessions) {
        byUser
            .computeIfAbsent(s.get("uid"), k -> new ArrayList<>())
            .add(new long[] {seconds(s.get("join_ts")), seconds(s.get("leave_ts"))});
      }
      Map<String, List<long[]>> merged = new TreeMap<>();
      byUser.forEach(
          (uid, intervals) -> {
            intervals.sort(Comparator.comparingLong(i -> i[0]));
            List<long[]> union = new ArrayList<>();
            for (long[] i : intervals) {
              long[] last = union.isEmpty() ? null : union.get(union.size() - 1);
              if (last != null && i[0] <= last[1]) {
                last[1] = Math.max(last[1], i[1]);
              } else {
                union.add(i.clone());
              }
            }
            merged.put(uid, union);
          });
      return merged;
    }

    private static long seconds(String dateTime) {
      return java.time.LocalDateTime.parse(dateTime.replace(' ', 'T'))
          .toEpochSecond(java.time.ZoneOffset.UTC);
    }
  }
}
