package io.callpulse.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.callpulse.jobs.ChannelAnalyticsJob;
import io.callpulse.jobs.JobOptions;
import io.callpulse.jobs.records.IngestRecord;
import io.callpulse.model.NcsParser;
import io.callpulse.model.ParseResult;
import io.callpulse.simulator.Scenario;
import io.callpulse.simulator.delivery.Delivery;
import io.callpulse.simulator.delivery.FaultOptions;
import io.callpulse.simulator.oracle.AppExpectation;
import io.callpulse.simulator.oracle.ChannelExpectation;
import io.callpulse.simulator.oracle.ChannelFigures;
import io.callpulse.simulator.oracle.EpochExpectation;
import io.callpulse.simulator.oracle.ExpectedInterval;
import io.callpulse.simulator.oracle.ExpectedReport;
import io.callpulse.simulator.oracle.Oracle;
import io.callpulse.simulator.timeline.SimApp;
import io.callpulse.simulator.timeline.SimChannel;
import io.callpulse.simulator.timeline.TenantShape;
import io.callpulse.simulator.timeline.TrueEpoch;
import io.callpulse.testsupport.ClickHouseDatabase;
import io.callpulse.testsupport.FlinkTestClusters;
import io.callpulse.testsupport.RealClickHouse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboards on real job output: simulated Agora traffic (simulator, fixed seed, its default
 * delivery faults: resends, redundant copies, reordering, lost joins and leaves, early and extra
 * destroys, health checks, other products) runs through the real analytics job (MiniCluster,
 * production ClickHouse sinks) into a fresh database with the real schema; then every panel and
 * variable query of every dashboard runs, and the key panels must show the simulator oracle's
 * figures (what {@code expected.json} holds). Figures the oracle leaves undecided under the run's
 * lost events ({@link ChannelExpectation#unasserted()}) are not asserted, as {@code compare} does.
 */
@RealClickHouse
class DashboardsOnJobOutputIT {

  /** Two apps of three channels over two hours across the UTC midnight of 2025-03-10/11. */
  private static final TenantShape SHAPE =
      new TenantShape(
          7, 2, 3, Instant.parse("2025-03-10T23:00:00Z").getEpochSecond(), 2 * 3600, List.of());

  /** What the gateway would add: the time it received the copy, after Agora sent it. */
  private static final long GATEWAY_LATENCY_MS = 40;

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(FlinkTestClusters.TASK_MANAGERS)
              .setNumberSlotsPerTaskManager(FlinkTestClusters.SLOTS_PER_TASK_MANAGER)
              .setConfiguration(Configuration.fromMap(FlinkTestClusters.configuration()))
              .build());

  private static final Set<String> GATEWAY_OR_DEAD_LETTER_PANELS =
      Set.of(
          "pipeline-health.json / Ingest rate by outcome / A",
          "pipeline-health.json / Signature failures / A",
          "pipeline-health.json / Dead letters by reason / A",
          "pipeline-health.json / Latest dead letters / A");

  private static ClickHouseDatabase db;
  private static Scenario scenario;
  private static ExpectedReport expected;

  /** The dashboards' time range: the whole UTC days the traffic touches. */
  private static Instant from;

  private static Instant to;

  @BeforeAll
  static void runTheJobOnSimulatedTraffic(ClickHouseDatabase database) throws Exception {
    db = database;
    KnownData.load(db); // the schema only
    scenario = Scenario.build(SHAPE, FaultOptions.defaults());
    expected = scenario.expected();
    from = Instant.ofEpochSecond(SHAPE.startTs()).truncatedTo(ChronoUnit.DAYS);
    to =
        Instant.ofEpochSecond(SHAPE.endTs())
            .truncatedTo(ChronoUnit.DAYS)
            .plus(Duration.ofDays(1))
            .minusSeconds(1);

    List<IngestRecord> input = gatewayRecords(scenario.plan().deliveries());
    JobOptions options =
        JobOptions.parse(
            new String[] {
              "--checkpoint-interval-ms", "0",
              // a finite run ends before any processing-time grace elapses: with 0 the
              // end-of-input watermark makes the epochs final (flink-jobs ChannelAnalyticsJobIT)
              "--grace-s", "0",
              "--dead-letter-topic", "",
              "--notifications-topic", "",
              "--clickhouse-url", db.jdbcUrl(),
              "--clickhouse-user", db.user(),
              "--clickhouse-password", db.password()
            });
    ChannelAnalyticsJob job =
        new ChannelAnalyticsJob(
            env -> env.fromData(input, TypeInformation.of(IngestRecord.class)),
            ChannelAnalyticsJob.clickHouseSinks(options),
            options);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    job.configure(env);
    job.build(env);
    env.execute("dashboards-on-job-output-it");
  }

  /**
   * Each delivered copy as the gateway writes it to Kafka: the exact body, the app, when it was
   * received, an ingest id, and the health-check flag the gateway's parse gives it.
   */
  private static List<IngestRecord> gatewayRecords(List<Delivery> deliveries) {
    List<IngestRecord> records = new ArrayList<>();
    for (Delivery delivery : deliveries) {
      byte[] body = delivery.body();
      long receivedAtMs = delivery.notifyMs() + GATEWAY_LATENCY_MS;
      String ingestId = "sim-" + records.size();
      ParseResult parsed = NcsParser.parse(body, delivery.appId(), receivedAtMs, ingestId);
      boolean healthCheck =
          parsed instanceof ParseResult.Accepted accepted && accepted.event().healthCheck();
      records.add(new IngestRecord(delivery.appId(), receivedAtMs, ingestId, healthCheck, body));
    }
    return records;
  }

  // ---------------------------------------------------------------- what the oracle says

  private static AppExpectation app(int index) {
    return expected.apps().get(index);
  }

  private static List<ChannelExpectation> activeChannels(AppExpectation app) {
    return app.channels().stream().filter(c -> c.figures().totalSeconds() > 0).toList();
  }

  /** The channel the detail views are checked on: the app's busiest. */
  private static ChannelExpectation busiestChannel(AppExpectation app) {
    return app.channels().stream()
        .max(Comparator.comparingLong(c -> c.figures().totalSeconds()))
        .orElseThrow();
  }

  private static long busiestUser(ChannelExpectation channel) {
    return channel.userSeconds().entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .orElseThrow()
        .getKey();
  }

  private static boolean asserted(ChannelExpectation channel, String figure) {
    return !channel.unasserted().containsKey(figure);
  }

  private static boolean assertedEverywhere(AppExpectation app, String figure) {
    return app.channels().stream().allMatch(c -> asserted(c, figure));
  }

  private static long sum(AppExpectation app, Function<ChannelFigures, Long> figure) {
    return app.channels().stream().mapToLong(c -> figure.apply(c.figures())).sum();
  }

  private static Set<Long> users(AppExpectation app) {
    Set<Long> users = new TreeSet<>();
    app.channels()
        .forEach(c -> c.userSeconds().forEach((uid, s) -> users.add(s > 0 ? uid : Long.MIN_VALUE)));
    users.remove(Long.MIN_VALUE);
    return users;
  }

  /**
   * Users present on each UTC day: the oracle's intervals (the presence the rules produce under the
   * run's lost events) that overlap the day.
   */
  private static SortedMap<LocalDate, Set<Long>> usersPerDay(String appId) {
    Set<String> lost = scenario.plan().lostEventKeys();
    SortedMap<LocalDate, Set<Long>> days = new TreeMap<>();
    for (SimApp app : scenario.timeline().apps()) {
      if (!app.appId().equals(appId)) {
        continue;
      }
      for (SimChannel channel : app.channels()) {
        for (TrueEpoch epoch : channel.epochs()) {
          for (ExpectedInterval interval : Oracle.intervals(epoch, lost, new HashMap<>())) {
            for (long day = Math.floorDiv(interval.start(), 86_400) * 86_400;
                day < interval.end();
                day += 86_400) {
              if (Math.min(interval.end(), day + 86_400) > Math.max(interval.start(), day)) {
                days.computeIfAbsent(LocalDate.ofEpochDay(day / 86_400), d -> new TreeSet<>())
                    .add(interval.uid());
              }
            }
          }
        }
      }
    }
    return days;
  }

  // ---------------------------------------------------------------- the dashboards

  /**
   * The values a user would pick for {@code app}, its {@code channel} and {@code uid}; every other
   * variable stays at All.
   */
  private static DashboardRun open(
      String dashboard,
      AppExpectation app,
      ChannelExpectation channel,
      long uid,
      Instant start,
      Instant end) {
    Dashboard d = Dashboard.named(dashboard);
    Map<String, VariableValue> chosen = new HashMap<>();
    chosen.put(
        "app",
        d.variable("app").get().path("multi").asBoolean()
            ? VariableValue.multi(app.appId())
            : VariableValue.single(app.appId()));
    Map<String, VariableValue> texts =
        Map.of(
            "channel", VariableValue.single(channel.channelName()),
            "uid", VariableValue.single(Long.toString(uid)),
            "search", VariableValue.single(""));
    texts.forEach(
        (name, value) -> {
          if (d.variable(name).isPresent()) {
            chosen.put(name, value);
          }
        });
    return DashboardRun.open(db, d, chosen, start, end);
  }

  private static DashboardRun open(
      String dashboard, AppExpectation app, Instant start, Instant end) {
    ChannelExpectation channel = busiestChannel(app);
    return open(dashboard, app, channel, busiestUser(channel), start, end);
  }

  private static DashboardRun open(String dashboard, AppExpectation app) {
    return open(dashboard, app, from, to);
  }

  /** Seconds shown as minutes ({@code seconds / 60}, a float) back to whole seconds. */
  private static long seconds(String minutes) {
    return new BigDecimal(minutes)
        .multiply(BigDecimal.valueOf(60))
        .setScale(0, RoundingMode.HALF_UP)
        .longValueExact();
  }

  private static long number(String text) {
    return new BigDecimal(text).longValueExact();
  }

  private static final DateTimeFormatter CLICKHOUSE_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** A DateTime as ClickHouse renders it. */
  private static String dateTime(long epochSecond) {
    return CLICKHOUSE_DATE_TIME.format(Instant.ofEpochSecond(epochSecond));
  }

  // ---------------------------------------------------------------- tests

  @Test
  void theScenarioIsSmallAndCrossesMidnight() {
    assertEquals(2, expected.apps().size());
    for (AppExpectation app : expected.apps()) {
      assertFalse(activeChannels(app).isEmpty(), app.appId() + " has traffic");
      assertTrue(
          app.dailySeconds().keySet().size() >= 2,
          app.appId() + "'s presence spans the midnight: " + app.dailySeconds());
    }
  }

  @Test
  void everyPanelAndVariableQueryRunsOnTheJobOutput() {
    int queries = 0;
    List<String> empty = new ArrayList<>();
    for (Dashboard dashboard : Dashboard.all()) {
      List<DashboardRun> runs = new ArrayList<>();
      for (AppExpectation app : expected.apps()) {
        runs.add(open(dashboard.name(), app));
      }
      if (dashboard.variable("app").get().path("multi").asBoolean()) {
        runs.add(
            DashboardRun.open(db, dashboard, Map.of("search", VariableValue.single("")), from, to));
      }
      for (DashboardRun run : runs) {
        for (JsonNode variable : dashboard.variables()) {
          if (variable.path("type").asText().equals("query")) {
            try {
              DashboardRun.optionsOf(db, variable, run.context());
            } catch (RuntimeException e) {
              throw new AssertionError(
                  dashboard.name() + " variable " + variable.path("name").asText(), e);
            }
            queries++;
          }
        }
        for (JsonNode panel : dashboard.panels()) {
          for (JsonNode target : panel.path("targets")) {
            String where = Dashboard.describe(dashboard, panel, target);
            String sql = run.sql(target);
            List<Map<String, String>> rows = KnownData.panelRows(db, where, sql);
            queries++;
            if (rows.isEmpty()) {
              empty.add(where);
            }
          }
        }
      }
    }
    assertTrue(queries >= 100, "queries run: " + queries);
    // Without the gateway in the loop nothing fills ingest_stats_minute (requests, 401s), and the
    // simulator sends only valid bodies (no dead letters): only those panels may stay empty.
    assertEquals(
        Set.of(),
        empty.stream()
            .filter(where -> !GATEWAY_OR_DEAD_LETTER_PANELS.contains(where))
            .collect(Collectors.toSet()),
        "panels without rows on the job output");
  }

  @Test
  void usageOverviewShowsTheOraclesMinutesUsersAndChannels() {
    for (AppExpectation app : expected.apps()) {
      DashboardRun run = open("usage-overview", app);
      Map<String, String> minutes = run.row("Minutes");
      long total = app.dailySeconds().values().stream().mapToLong(Long::longValue).sum();
      assertEquals(total, sum(app, ChannelFigures::totalSeconds), "oracle: days = channels");
      assertEquals(total, seconds(minutes.get("total_minutes")), app.appId() + " total");
      if (assertedEverywhere(app, ChannelFigures.HOST_SECONDS)) {
        assertEquals(
            sum(app, ChannelFigures::hostSeconds),
            seconds(minutes.get("host_minutes")),
            app.appId() + " host");
        assertEquals(
            sum(app, ChannelFigures::audienceSeconds),
            seconds(minutes.get("audience_minutes")),
            app.appId() + " audience");
      }
      assertEquals(
          users(app).size(),
          number(run.row("Unique users").get("unique_users")),
          app.appId() + " users");
      assertEquals(
          activeChannels(app).size(),
          number(run.row("Channels").get("channels")),
          app.appId() + " channels");
    }
  }

  /** The daily rollups split presence at the UTC midnight (rule 10), per app and per day. */
  @Test
  void usageOverviewSplitsTheMinutesAtMidnight() {
    for (AppExpectation app : expected.apps()) {
      Map<LocalDate, Long> perDay = new TreeMap<>();
      for (Map<String, String> row :
          open("usage-overview", app).rows("Minutes per day (🎤 host / 👂 audience)")) {
        perDay.put(
            LocalDate.parse(row.get("time").substring(0, 10)),
            seconds(row.get("host")) + seconds(row.get("audience")));
      }
      Map<LocalDate, Long> expectedPerDay = new TreeMap<>(app.dailySeconds());
      expectedPerDay.values().removeIf(s -> s == 0);
      assertEquals(expectedPerDay, perDay, app.appId() + " seconds per day");

      SortedMap<LocalDate, Set<Long>> usersPerDay = usersPerDay(app.appId());
      assertEquals(app.dailySeconds().keySet(), usersPerDay.keySet(), "oracle days");
      for (LocalDate day : app.dailySeconds().keySet()) {
        Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        DashboardRun oneDay =
            open("usage-overview", app, start, start.plus(Duration.ofDays(1)).minusSeconds(1));
        assertEquals(
            app.dailySeconds().get(day).longValue(),
            seconds(oneDay.row("Minutes").get("total_minutes")),
            app.appId() + " on " + day);
        assertEquals(
            usersPerDay.get(day).size(),
            number(oneDay.row("Unique users").get("unique_users")),
            app.appId() + " users on " + day);
      }
    }
  }

  @Test
  void channelListShowsEachChannelsSecondsUsersEpochsAndPeak() {
    for (AppExpectation app : expected.apps()) {
      Map<String, Map<String, String>> rows = new TreeMap<>();
      open("channels", app).rows("Channels").forEach(r -> rows.put(r.get("channel_name"), r));
      assertEquals(
          activeChannels(app).stream()
              .map(ChannelExpectation::channelName)
              .collect(Collectors.toCollection(TreeSet::new)),
          rows.keySet(),
          app.appId() + " channels");
      for (ChannelExpectation channel : activeChannels(app)) {
        Map<String, String> row = rows.get(channel.channelName());
        String what = app.appId() + "/" + channel.channelName() + " ";
        ChannelFigures figures = channel.figures();
        assertEquals(figures.totalSeconds(), seconds(row.get("minutes")), what + "seconds");
        if (asserted(channel, ChannelFigures.HOST_SECONDS)) {
          assertEquals(figures.hostSeconds(), seconds(row.get("host_minutes")), what + "host");
          assertEquals(
              figures.audienceSeconds(), seconds(row.get("audience_minutes")), what + "audience");
        }
        assertEquals(figures.uniqueUsers(), number(row.get("users")), what + "users");
        assertEquals(channel.epochs().size(), number(row.get("epochs")), what + "epochs");
        assertEquals(figures.peakConcurrentUsers(), number(row.get("peak_users")), what + "peak");
      }
    }
  }

  @Test
  void channelDetailShowsTheEpochFiguresAndThePeak() {
    int epochsChecked = 0;
    for (AppExpectation app : expected.apps()) {
      for (ChannelExpectation channel : activeChannels(app)) {
        epochsChecked += checkChannelDetail(app, channel);
      }
    }
    assertTrue(epochsChecked >= 10, "epochs checked: " + epochsChecked);
  }

  /** Returns the number of epochs checked. */
  private static int checkChannelDetail(AppExpectation app, ChannelExpectation channel) {
    ChannelFigures figures = channel.figures();
    String what = app.appId() + "/" + channel.channelName() + " ";
    DashboardRun run = open("channel-detail", app, channel, busiestUser(channel), from, to);

    Map<String, String> stat = run.row("Channel figures");
    assertEquals(figures.totalSeconds(), seconds(stat.get("total_minutes")), what + "seconds");
    if (asserted(channel, ChannelFigures.HOST_SECONDS)) {
      assertEquals(figures.hostSeconds(), seconds(stat.get("host_minutes")), what + "host");
      assertEquals(
          figures.audienceSeconds(), seconds(stat.get("audience_minutes")), what + "audience");
    }
    if (asserted(channel, ChannelFigures.ROLE_SWITCHES)) {
      assertEquals(figures.roleSwitches(), number(stat.get("role_switches")), what + "switches");
    }
    assertEquals(
        figures.peakConcurrentUsers(), number(stat.get("peak_concurrent_users")), what + "peak");
    assertEquals(channel.epochs().size(), number(stat.get("epochs")), what + "epochs");
    assertEquals(
        figures.uniqueUsers(),
        number(run.row("Users and sessions").get("unique_users")),
        what + "users");

    Map<String, Map<String, String>> epochs = new LinkedHashMap<>();
    run.rows("Epochs").forEach(r -> epochs.put(r.get("create_ts"), r));
    assertEquals(channel.epochs().size(), epochs.size(), what + "epochs: " + epochs.keySet());
    for (EpochExpectation epoch : channel.epochs()) {
      Map<String, String> row = epochs.get(dateTime(epoch.createTs()));
      String which = what + "epoch created " + dateTime(epoch.createTs()) + " ";
      assertTrue(row != null, which + "missing from " + epochs.keySet());
      assertEquals(dateTime(epoch.destroyTs()), row.get("destroy_ts"), which + "destroy");
      assertEquals(epoch.figures().totalSeconds(), seconds(row.get("minutes")), which + "seconds");
      if (asserted(channel, ChannelFigures.HOST_SECONDS)) {
        assertEquals(
            epoch.figures().hostSeconds(), seconds(row.get("host_minutes")), which + "host");
      }
      assertEquals(epoch.figures().uniqueUsers(), number(row.get("unique_users")), which + "users");
      assertEquals(
          epoch.figures().peakConcurrentUsers(),
          number(row.get("peak_concurrent_users")),
          which + "peak");
      assertEquals(dateTime(epoch.peakAt()), row.get("peak_at"), which + "peak at");
    }

    long stepPeak =
        run.rows("Concurrent users (🎤 host / 👂 audience)").stream()
            .mapToLong(s -> number(s.get("hosts")) + number(s.get("audiences")))
            .max()
            .orElseThrow();
    assertEquals(figures.peakConcurrentUsers(), stepPeak, what + "stacked host + audience steps");
    long minutePeak =
        run.rows("Peak users per interval").stream()
            .mapToLong(r -> number(r.get("users")))
            .max()
            .orElseThrow();
    assertEquals(figures.peakConcurrentUsers(), minutePeak, what + "peak per interval");
    return channel.epochs().size();
  }

  @Test
  void userDetailShowsEachUsersSecondsAcrossChannels() {
    for (AppExpectation app : expected.apps()) {
      ChannelExpectation busiest = busiestChannel(app);
      for (long uid : busiest.userSeconds().keySet()) {
        long seconds = 0;
        int channels = 0;
        for (ChannelExpectation channel : app.channels()) {
          long s = channel.userSeconds().getOrDefault(uid, 0L);
          seconds += s;
          channels += s > 0 ? 1 : 0;
        }
        Map<String, String> row =
            open("user-detail", app, busiest, uid, from, to).row("Minutes and channels");
        assertEquals(seconds, seconds(row.get("minutes")), app.appId() + " uid " + uid);
        assertEquals(channels, number(row.get("channels")), app.appId() + " uid " + uid);
      }
    }
  }
}
