package io.callpulse.jobs.bench;

import io.callpulse.jobs.JobOptions;
import io.callpulse.jobs.bench.AnalyticsRun.Backend;
import io.callpulse.jobs.bench.AnalyticsRun.Rows;
import io.callpulse.jobs.bench.AnalyticsRun.Timing;
import io.callpulse.sinks.MigrationFolder;
import io.callpulse.sinks.Migrator;
import io.callpulse.sinks.MigratorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;

/**
 * {@code ./callpulse bench pipeline}: the analytics job's throughput and end-to-end latency against
 * the local Kafka and ClickHouse.
 *
 * <ol>
 *   <li>Fill: a fresh topic gets N realistic deliveries ({@link ChannelTraffic}) written as the
 *       gateway writes them ({@link IngestTopic}).
 *   <li>Throughput: the real {@link io.callpulse.jobs.ChannelAnalyticsJob} with the production
 *       ClickHouse sinks reads the topic to its end on a local MiniCluster — RocksDB, incremental
 *       exactly-once checkpoints — then the same job on the heap backend. events/s = N / wall time
 *       of the job (MiniCluster start to job end, the final checkpoint included).
 *   <li>Latency: the job runs unbounded on a second topic while markers are produced at a modest
 *       rate; each marker's ingest id is polled in {@code raw_events} ({@link LatencyProbe}).
 * </ol>
 *
 * <p>Each run writes to a ClickHouse database of its own ({@code callpulse_bench_<time>_<id>}, next
 * to the one in the URL), created from this build's migrations and dropped at the end, so a run
 * neither reads nor merges what earlier runs left. Options: {@link BenchOptions#USAGE}.
 */
public final class PipelineBench {
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final BenchOptions options;
  private final String run;
  private final Path workDir;
  private final HeapWatch heap = new HeapWatch();
  private final List<String> table = new ArrayList<>();
  private double fillRate;

  /** The run's own database, created and migrated at the start and dropped at the end. */
  private final String database;

  private final String clickhouseUrl;

  private PipelineBench(BenchOptions options) {
    this.options = options;
    this.run =
        "bench-"
            + RUN_TIME.format(Instant.now())
            + "-"
            + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    this.workDir = options.workDir().resolve(run);
    this.database = "callpulse_" + run.replace('-', '_');
    this.clickhouseUrl = withDatabase(options.clickhouseUrl(), database);
  }

  /**
   * {@code url} with its path (the database) replaced. A database of its own per run: written into
   * the stack's database, every run left its rows behind and later runs paid for merging them (13
   * million raw_events after a day of benchmarks, and disk-bound merges under the job).
   */
  static String withDatabase(String url, String database) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    String params = query < 0 ? "" : url.substring(query);
    int hostStart = base.indexOf("//");
    int path = base.indexOf('/', hostStart < 0 ? 0 : hostStart + 2);
    return (path < 0 ? base : base.substring(0, path)) + "/" + database + params;
  }

  /** Creates the run's database with the schema of the migrations this build carries. */
  private void createDatabase() throws SQLException {
    try (Connection connection = clickhouse(options.clickhouseUrl())) {
      new Migrator(
              connection,
              new MigratorSettings(database, MigratorSettings.DEFAULT_RAW_TTL_DAYS),
              MigrationFolder.fromClasspath(),
              line -> {})
          .migrate();
    }
    say("ClickHouse database " + database + " created for this run");
  }

  /**
   * Every run into ClickHouse starts from empty tables: the heap run replays the RocksDB run's
   * topic, so its rows had the same keys and it paid for merging them with the earlier run's parts
   * (and the earlier run's pending merges ran during it). One measured run on tables a 1M warm-up
   * had filled used 32 s of chDB CPU, against 19-28 s in runs after a 100k warm-up.
   */
  private void emptyTables() throws SQLException {
    try (Connection connection = clickhouse(options.clickhouseUrl());
        Statement st = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT name FROM system.tables WHERE database = '"
                  + database
                  + "' AND engine LIKE '%MergeTree' AND name != 'schema_migrations'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        st.execute("TRUNCATE TABLE " + database + "." + table + " SYNC");
      }
    }
  }

  private void dropDatabase() {
    try (Connection connection = clickhouse(options.clickhouseUrl());
        Statement st = connection.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + database);
    } catch (SQLException e) {
      say("could not drop ClickHouse database " + database + ": " + e.getMessage());
    }
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.print(BenchOptions.USAGE);
      return;
    }
    // MiniCluster, Kafka and JDBC threads are not daemons: exit explicitly.
    System.exit(new PipelineBench(options).run());
  }

  private int run() throws Exception {
    say("CallPulse pipeline benchmark " + run + " " + options);
    Files.createDirectories(workDir);
    String loadAtStart = loadAverage();
    createDatabase();
    List<String> apps = newAppIds(options.apps());
    String markerApp = newAppIds(1).get(0);
    String eventsTopic = "callpulse.bench." + run + ".events";
    String latencyTopic = "callpulse.bench." + run + ".latency";
    String notificationsTopic = notificationsTopic();
    List<String> topics = new ArrayList<>();
    try {
      topics.add(notificationsTopic);
      IngestTopic.createTopic(options.kafkaBootstrap(), notificationsTopic, options.partitions());
      if (options.warmupEvents() > 0) {
        List<String> warmupApps = newAppIds(options.apps());
        String warmupTopic = "callpulse.bench." + run + ".warmup";
        topics.add(warmupTopic);
        fill(warmupTopic, warmupApps, options.warmupEvents(), options.seed() + 1);
        // The code paths of the rows' way out differ (ClickHouse writers, or chained discarding
        // sinks): warm the one the first measured run takes.
        Rows warmupRows =
            options.runs("rocksdb") || options.runs("heap") ? Rows.CLICKHOUSE : Rows.DISCARDED;
        warmUp(warmupTopic, warmupRows);
        heap.endPhase();
      }
      topics.add(eventsTopic);
      fill(eventsTopic, apps, options.events(), options.seed());
      row("fill rate (generate + produce)", "%,.0f records/s", fillRate);

      Timing rocksdb = null;
      long visible = -1;
      long rocksdbHeap = 0;
      if (options.runs("rocksdb")) {
        rocksdb = throughput(eventsTopic, options.events(), Backend.ROCKSDB);
        visible = visibleIngestIds(apps);
        rocksdbHeap = heap.endPhase();
        row("events/s RocksDB (" + checkpointing() + ")", "%,.0f", rate(rocksdb));
        wallAndNet(rocksdb);
      }
      long heapHeap = 0;
      if (options.runs("heap")) {
        Timing onHeap = throughput(eventsTopic, options.events(), Backend.HEAP);
        heapHeap = heap.endPhase();
        row("events/s heap (hashmap) backend", "%,.0f", rate(onHeap));
        wallAndNet(onHeap);
        if (rocksdb != null) {
          row("ratio heap / RocksDB", "%.2f x", rate(onHeap) / rate(rocksdb));
        }
      }
      if (options.runs("alone")) {
        Timing jobAlone =
            throughput(eventsTopic, options.events(), Backend.ROCKSDB, Rows.DISCARDED);
        heap.endPhase();
        row(
            "events/s RocksDB, rows discarded (the job without ClickHouse)",
            "%,.0f",
            rate(jobAlone));
        wallAndNet(jobAlone);
        long rowsInAll = jobAlone.rowsByTable().values().stream().mapToLong(Long::longValue).sum();
        row(
            "rows for ClickHouse per event (all tables)",
            "%.2f (%,d rows)",
            rowsInAll / (double) options.events(),
            rowsInAll);
        jobAlone
            .rowsByTable()
            .forEach(
                (table, count) -> row("  " + table, "%.2f", count / (double) options.events()));
      }
      LatencyProbe.Result latency = null;
      long latencyHeap = 0;
      if (options.runs("latency")) {
        topics.add(latencyTopic);
        latency = latency(latencyTopic, markerApp);
        latencyHeap = heap.endPhase();
        if (latency.latenciesMs().count() > 0) {
          row("e2e Kafka append -> ClickHouse visible p50", "%,d ms", latency.latenciesMs().at(50));
          row("e2e p99", "%,d ms", latency.latenciesMs().at(99));
          row("e2e max", "%,d ms", latency.latenciesMs().max());
        }
        row("  markers seen / sent", "%,d / %,d", latency.latenciesMs().count(), latency.sent());
        if (latency.sessionLatenciesMs().count() > 0) {
          row(
              "e2e join marker -> its session row visible p50 / p99",
              "%,d / %,d ms",
              latency.sessionLatenciesMs().at(50),
              latency.sessionLatenciesMs().at(99));
        }
        row(
            "  session rows seen / join markers",
            "%,d / %,d",
            latency.sessionLatenciesMs().count(),
            latency.sessionLatenciesMs().count() + latency.sessionsMissing());
      }
      row("peak heap used (whole JVM)", "%,d MB", heap.overallPeak() >> 20);
      row(
          "  during RocksDB / heap / latency runs",
          "%,d / %,d / %,d MB",
          rocksdbHeap >> 20,
          heapHeap >> 20,
          latencyHeap >> 20);
      long rss = HeapWatch.peakRssBytes();
      if (rss > 0) {
        row("peak RSS (heap + RocksDB native)", "%,d MB", rss >> 20);
      }
      if (visible >= 0) {
        row("raw_events ingest ids visible / produced", "%,d / %,d", visible, options.events());
      }
      row("load average 1/5/15 min at start / end", "%s / %s", loadAtStart, loadAverage());
      System.out.println();
      System.out.println("== CallPulse pipeline benchmark " + run + " ==");
      table.forEach(System.out::println);
      System.out.println(
          "(machine shared with other work; one run each, so read the figures as an order of"
              + " magnitude)");
      if (options.keepTopics()) {
        System.out.println("this run's rows stay in ClickHouse database " + database);
      }
      if (visible >= 0 && visible != options.events()) {
        System.out.println(
            "FAILED: the RocksDB run did not store every produced record in raw_events");
        return 1;
      }
      if (latency != null && latency.missing() > 0) {
        System.out.println("FAILED: " + latency.missing() + " markers never became visible");
        return 1;
      }
      if (latency != null && latency.sessionsMissing() > 0) {
        System.out.println(
            "FAILED: "
                + latency.sessionsMissing()
                + " join markers' sessions never became visible");
        return 1;
      }
      return 0;
    } finally {
      heap.close();
      if (!options.keepTopics()) {
        deleteTopics(topics);
        dropDatabase();
      }
      deleteWorkDir();
    }
  }

  /** RocksDB folders and checkpoints of this run: only the figures are kept. */
  private void deleteWorkDir() {
    try (Stream<Path> files = Files.walk(workDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      say("could not delete " + workDir + ": " + e.getMessage());
    }
  }

  /**
   * Fills a fresh topic with {@code events} deliveries; remembers the rate in {@link #fillRate}.
   */
  private void fill(String topicName, List<String> apps, long events, long seed) throws Exception {
    long span = ChannelTraffic.spanSeconds(seed, apps, options.channels(), events);
    // End the generated traffic two minutes ago: no timestamp from the future.
    long base = System.currentTimeMillis() / 1000 - span - 120;
    ChannelTraffic traffic = new ChannelTraffic(seed, apps, options.channels(), base);
    AtomicLong bytes = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long start = System.nanoTime();
    try (IngestTopic topic =
        IngestTopic.create(options.kafkaBootstrap(), topicName, options.partitions())) {
      for (long i = 0; i < events; i++) {
        topic.send(
            traffic.next(),
            IngestTopic.newIngestId(),
            (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              } else {
                bytes.addAndGet(metadata.serializedKeySize() + metadata.serializedValueSize());
              }
            });
      }
      topic.flush();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    say(
        String.format(
            Locale.ROOT,
            "fill: %,d records (%d apps, %,d channels, %,d epochs and %,d sessions started, %.1f h of"
                + " event time) in %.1f s = %,.0f records/s, %.1f MB/s of keys+bodies (acks=all, lz4)",
            events,
            apps.size(),
            options.channels(),
            traffic.epochsStarted(),
            traffic.sessionsStarted(),
            span / 3600.0,
            seconds,
            events / seconds,
            bytes.get() / seconds / 1e6));
    fillRate = events / seconds;
    heap.endPhase();
  }

  private double rate(Timing timing) {
    return options.events() * 1000.0 / timing.wallMs();
  }

  private void wallAndNet(Timing timing) {
    row(
        "  job wall time / Flink net runtime / JIT compiling",
        "%,d ms / %,d ms / %,d ms",
        timing.wallMs(),
        timing.netRuntimeMs(),
        timing.jitMs());
    double micros = cpuPerEventMicros(timing);
    row(
        "  JVM CPU per event without the JIT's",
        "%.1f us (%,.0f events/s per core)",
        micros,
        1_000_000 / micros);
    JobProgress.Quiet quiet = JobProgress.quiet(timing.steps());
    String label = "  checkpoints with the JIT under " + JobProgress.QUIET_JIT_CORES + " core";
    if (quiet == null) {
      row(label, "none");
    } else {
      row(
          label,
          "%,.0f events/s over %d of %d (%,d events, %.1f s), JVM CPU %.1f us per event",
          quiet.total().recordsPerSecond(),
          quiet.steps(),
          timing.steps().size(),
          quiet.total().records(),
          quiet.total().durationMs() / 1000.0,
          quiet.total().cpuMicrosPerRecord());
    }
  }

  /**
   * The bench JVM's CPU time in a run minus the JIT compiler's, per event: closer to what a
   * long-running job (compiled long ago) pays than the wall-clock rate, though it still moves with
   * the JIT's work (cold code, deoptimizations): 36-74 us over the runs of 2026-12-07.
   */
  private double cpuPerEventMicros(Timing timing) {
    return (timing.cpuMs() - timing.jitMs()) * 1000.0 / options.events();
  }

  /**
   * One unmeasured run over the warm-up topic, so the measured runs see code the JIT compiled
   * already, as a long-running job does. It does not make them free of compiling: every job
   * submitted to a MiniCluster still spent 4-6 s of CPU in the JIT (measured over six warm-up runs
   * in one JVM), which the per-run figures show.
   */
  private void warmUp(String topic, Rows rows) throws Exception {
    Timing warmup = throughput(topic, options.warmupEvents(), Backend.ROCKSDB, rows);
    row(
        "warm-up run (unmeasured, RocksDB, rows " + rows.name().toLowerCase(Locale.ROOT) + ")",
        "%,d events in %,d ms",
        options.warmupEvents(),
        warmup.wallMs());
  }

  private Timing throughput(String topic, long events, Backend backend) throws Exception {
    return throughput(topic, events, backend, Rows.CLICKHOUSE);
  }

  private Timing throughput(String topic, long events, Backend backend, Rows rows)
      throws Exception {
    if (rows == Rows.CLICKHOUSE) {
      emptyTables();
    }
    say("running the job on " + backend + " over " + topic + ", rows " + rows + " ...");
    String groupId = run + "-" + backend.flinkName + "-" + rows.name().toLowerCase(Locale.ROOT);
    Timing timing =
        new AnalyticsRun(jobOptions(topic, groupId), options.parallelism(), workDir, rows)
            .runBounded(backend, PipelineBench::checkpointStep);
    say(
        String.format(
            Locale.ROOT,
            "%s, rows %s: %,d records in %,d ms = %,.0f events/s (Flink net runtime %,d ms,"
                + " JVM CPU %,d ms of which JIT compiling %,d ms)",
            backend,
            rows,
            events,
            timing.wallMs(),
            events * 1000.0 / timing.wallMs(),
            timing.netRuntimeMs(),
            timing.cpuMs(),
            timing.jitMs()));
    return timing;
  }

  /** Progress of a long run, one line per checkpoint: what the JIT takes shows as it goes. */
  private static void checkpointStep(JobProgress.Step step) {
    say(
        String.format(
            Locale.ROOT,
            "  checkpoint: %,d events in %,d ms = %,.0f events/s, JVM CPU %.2f cores of which JIT"
                + " %.2f",
            step.records(),
            step.durationMs(),
            step.recordsPerSecond(),
            step.cores(step.cpuMs()),
            step.cores(step.jitMs())));
  }

  private LatencyProbe.Result latency(String topicName, String markerApp) throws Exception {
    try (IngestTopic topic =
            IngestTopic.create(options.kafkaBootstrap(), topicName, options.partitions());
        Connection clickhouse = clickhouse()) {
      JobClient job =
          new AnalyticsRun(jobOptions(topicName, run + "-latency"), options.parallelism(), workDir)
              .startUnbounded(Backend.ROCKSDB);
      try {
        LatencyProbe probe =
            new LatencyProbe(topic, new MarkerTraffic(markerApp, 20), clickhouse, markerApp);
        say("latency: waiting for the unbounded job to write its first marker ...");
        probe.awaitPipeline(TimeUnit.MINUTES.toMillis(3));
        say(
            String.format(
                "latency: %d markers/s for %d s, polling raw_events every %d ms ...",
                options.markerRate(), options.markerSeconds(), LatencyProbe.POLL_INTERVAL_MS));
        LatencyProbe.Result result =
            probe.measure(
                options.markerRate(), options.markerSeconds(), TimeUnit.SECONDS.toMillis(60));
        if (result.latenciesMs().count() > 0) {
          say(
              String.format(
                  Locale.ROOT,
                  "latency: p50 %d ms, p99 %d ms, max %d ms over %d markers (%d missing)",
                  result.latenciesMs().at(50),
                  result.latenciesMs().at(99),
                  result.latenciesMs().max(),
                  result.latenciesMs().count(),
                  result.missing()));
        }
        return result;
      } finally {
        job.cancel().get(1, TimeUnit.MINUTES);
      }
    }
  }

  private String checkpointing() {
    return options.checkpointIntervalMs() > 0
        ? "exactly-once, incr. ckpt every " + options.checkpointIntervalMs() + " ms"
        : "no checkpoints";
  }

  private String notificationsTopic() {
    return "callpulse.bench." + run + ".notifications";
  }

  private JobOptions jobOptions(String topic, String groupId) {
    // Password: JobOptions takes CALLPULSE_CLICKHOUSE_PASSWORD from the environment.
    return JobOptions.parse(
        new String[] {
          "--bootstrap-servers", options.kafkaBootstrap(),
          "--topic", topic,
          "--group-id", groupId,
          "--dead-letter-topic", "", // the generated traffic is valid; keep the real topic clean
          // Final epochs and sessions are published as in production, but never to the notifier.
          "--notifications-topic", notificationsTopic(),
          "--checkpoint-interval-ms", Long.toString(options.checkpointIntervalMs()),
          "--flush-ms", Long.toString(options.flushMs()),
          "--max-flush-ms", Long.toString(Math.max(options.flushMs(), options.maxFlushMs())),
          "--clickhouse-url", clickhouseUrl,
          "--clickhouse-user", options.clickhouseUser()
        });
  }

  /** Distinct ingest ids of the run's apps in raw_events (duplicates of a replay count once). */
  private long visibleIngestIds(List<String> apps) throws SQLException {
    String in = apps.stream().map(a -> "'" + a + "'").collect(Collectors.joining(","));
    try (Connection clickhouse = clickhouse();
        Statement st = clickhouse.createStatement();
        ResultSet rows =
            st.executeQuery(
                "SELECT uniqExact(ingest_id) FROM raw_events WHERE app_id IN (" + in + ")")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private Connection clickhouse() throws SQLException {
    return clickhouse(clickhouseUrl);
  }

  private Connection clickhouse(String url) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", options.clickhouseUser());
    props.setProperty("password", options.clickhousePassword());
    return DriverManager.getConnection(url, props);
  }

  private void deleteTopics(List<String> topics) {
    for (String topic : topics) {
      try {
        IngestTopic.delete(options.kafkaBootstrap(), topic);
      } catch (Exception e) {
        say("could not delete topic " + topic + ": " + e.getMessage());
      }
    }
  }

  /** Agora app ids are 32 hex digits; fresh ones per run keep the bench's rows apart. */
  private static List<String> newAppIds(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] bytes = new byte[16];
      ThreadLocalRandom.current().nextBytes(bytes);
      ids.add(HexFormat.of().formatHex(bytes));
    }
    return ids;
  }

  /** The 1, 5 and 15 minute load averages of /proc/loadavg: how busy the shared machine was. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "n/a";
    }
  }

  private void row(String label, String format, Object... values) {
    table.add(
        String.format(Locale.ROOT, "%-58s %s", label, String.format(Locale.ROOT, format, values)));
  }

  private static void say(String line) {
    System.out.println("[" + Instant.now() + "] " + line);
  }
}
