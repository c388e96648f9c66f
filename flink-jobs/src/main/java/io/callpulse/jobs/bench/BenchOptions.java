package io.callpulse.jobs.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Options of {@link PipelineBench}: {@code --name value}, flags {@code --keep-topics}, {@code
 * --help}.
 */
record BenchOptions(
    String kafkaBootstrap,
    String clickhouseUrl,
    String clickhouseUser,
    String clickhousePassword,
    long events,
    long warmupEvents,
    int channels,
    int apps,
    int partitions,
    int parallelism,
    long checkpointIntervalMs,
    long flushMs,
    long maxFlushMs,
    int markerRate,
    int markerSeconds,
    long seed,
    Path workDir,
    boolean keepTopics,
    Set<String> runs) {

  /** The measured runs, in the order they run: {@code --runs} picks some of them. */
  static final List<String> RUNS = List.of("rocksdb", "heap", "alone", "latency");

  static final String USAGE =
      """
      Usage: PipelineBench --kafka-bootstrap HOST:PORT --clickhouse-url jdbc:clickhouse:http://HOST:PORT/DB
                           [--clickhouse-user USER] [--events N] [--warmup-events N]
                           [--channels N] [--apps N]
                           [--partitions N] [--parallelism N] [--checkpoint-interval-ms MS]
                           [--flush-ms MS] [--max-flush-ms MS]
                           [--marker-rate PER_S] [--marker-seconds S] [--seed N] [--work-dir DIR]
                           [--runs rocksdb,heap,alone,latency] [--keep-topics]
        The ClickHouse password is read from CALLPULSE_CLICKHOUSE_PASSWORD.
        --events          records pre-filled into a fresh topic (default 1000000)
        --warmup-events   records of a first, unmeasured run on another topic, so the measured
                          runs see JIT-compiled code, as a long-running job does (default
                          min(events, 100000); 0 = none)
        --channels        channels of the generated traffic (default events/250, at least 50)
        --apps            apps (tenants) of the generated traffic (default 3)
        --partitions      partitions of the bench topics (default 4, as the local stack)
        --parallelism     job parallelism (default 2, as the local stack)
        --checkpoint-interval-ms  exactly-once checkpoint interval, 0 for none (default 5000)
        --flush-ms        the job's --flush-ms: how often a changed channel's rows are re-derived
                          (default 1000, the job's default)
        --max-flush-ms    the job's --max-flush-ms: the longest a big channel waits between
                          re-derivations (default 3000, the job's default; raised to --flush-ms)
        --marker-rate, --marker-seconds  latency markers (default 200/s for 20 s)
        --seed            seed of the generated traffic (default 42)
        --work-dir        parent of the run's RocksDB and checkpoint folders, deleted at the end
                          (default /tmp/callpulse-bench)
        --runs            which measured runs to do (default all): rocksdb = the job on RocksDB
                          into ClickHouse, heap = the same on the heap backend, alone = RocksDB
                          with the rows discarded (and counted per table), latency = e2e markers
        --keep-topics     do not delete the bench topics and the run's ClickHouse database at the end
      """;

  private static final Set<String> FLAGS = Set.of("keep-topics", "help");
  private static final Set<String> KNOWN =
      Set.of(
          "kafka-bootstrap",
          "clickhouse-url",
          "clickhouse-user",
          "events",
          "warmup-events",
          "channels",
          "apps",
          "partitions",
          "parallelism",
          "checkpoint-interval-ms",
          "flush-ms",
          "max-flush-ms",
          "marker-rate",
          "marker-seconds",
          "seed",
          "work-dir",
          "runs",
          "keep-topics");

  /** The options, or null when {@code --help} was asked. */
  static BenchOptions parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option, got " + args[i]);
      }
      String name = args[i].substring(2);
      if (FLAGS.contains(name)) {
        values.put(name, "true");
      } else if (i + 1 < args.length) {
        values.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("option --" + name + " needs a value");
      }
    }
    if (values.containsKey("help")) {
      return null;
    }
    long events = number(values, "events", 1_000_000);
    BenchOptions options =
        new BenchOptions(
            required(values, "kafka-bootstrap"),
            required(values, "clickhouse-url"),
            values.getOrDefault("clickhouse-user", "default"),
            System.getenv().getOrDefault("CALLPULSE_CLICKHOUSE_PASSWORD", ""),
            events,
            number(values, "warmup-events", Math.min(events, 100_000)),
            (int) number(values, "channels", Math.max(50, events / 250)),
            (int) number(values, "apps", 3),
            (int) number(values, "partitions", 4),
            (int) number(values, "parallelism", 2),
            number(values, "checkpoint-interval-ms", 5000),
            number(values, "flush-ms", 1000),
            number(values, "max-flush-ms", 3000),
            (int) number(values, "marker-rate", 200),
            (int) number(values, "marker-seconds", 20),
            number(values, "seed", 42),
            Path.of(values.getOrDefault("work-dir", "/tmp/callpulse-bench")),
            values.containsKey("keep-topics"),
            parseRuns(values.getOrDefault("runs", String.join(",", RUNS))));
    values.keySet().removeAll(KNOWN);
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s) " + values.keySet());
    }
    if (options.events() < 1 || options.channels() < 1 || options.apps() < 1) {
      throw new IllegalArgumentException("--events, --channels and --apps must be positive");
    }
    if (options.warmupEvents() < 0) {
      throw new IllegalArgumentException("--warmup-events must be 0 (none) or more");
    }
    if (options.partitions() < 1 || options.parallelism() < 1) {
      throw new IllegalArgumentException("--partitions and --parallelism must be positive");
    }
    if (options.checkpointIntervalMs() < 0) {
      throw new IllegalArgumentException("--checkpoint-interval-ms must be 0 (none) or more");
    }
    if (options.flushMs() < 1) {
      throw new IllegalArgumentException("--flush-ms must be positive");
    }
    if (options.markerRate() < 1 || options.markerSeconds() < 1) {
      throw new IllegalArgumentException("--marker-rate and --marker-seconds must be positive");
    }
    return options;
  }

  private static Set<String> parseRuns(String value) {
    Set<String> runs = new LinkedHashSet<>();
    for (String run : value.split(",")) {
      if (!RUNS.contains(run.trim())) {
        throw new IllegalArgumentException("--runs takes some of " + RUNS + ", got " + run);
      }
      runs.add(run.trim());
    }
    return Set.copyOf(runs);
  }

  boolean runs(String run) {
    return runs.contains(run);
  }

  private static long number(Map<String, String> values, String name, long defaultValue) {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, got " + value);
    }
  }

  private static String required(Map<String, String> values, String name) {
    String value = values.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "BenchOptions[events=%d, warmupEvents=%d, channels=%d, apps=%d, partitions=%d, parallelism=%d, checkpointIntervalMs=%d, flushMs=%d, maxFlushMs=%d, markers=%d/s for %d s, seed=%d, runs=%s]"
        .formatted(
            events,
            warmupEvents,
            channels,
            apps,
            partitions,
            parallelism,
            checkpointIntervalMs,
            flushMs,
            maxFlushMs,
            markerRate,
            markerSeconds,
            seed,
            RUNS.stream().filter(runs::contains).toList());
  }
}
