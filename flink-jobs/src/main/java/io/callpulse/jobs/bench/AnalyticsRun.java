package io.callpulse.jobs.bench;

import io.callpulse.jobs.AnalyticsSinks;
import io.callpulse.jobs.ChannelAnalyticsJob;
import io.callpulse.jobs.IngestSource;
import io.callpulse.jobs.JobOptions;
import io.callpulse.jobs.functions.IngestRecordDeserializer;
import io.callpulse.jobs.local.LocalClusterRunner;
import io.callpulse.jobs.records.IngestRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * One run of the real {@link ChannelAnalyticsJob} (its topology, its {@code configure}, the
 * production ClickHouse sinks) on a local MiniCluster, reading a bench topic from the beginning.
 * Only the state backend can be switched to the heap, to show what RocksDB costs.
 */
final class AnalyticsRun {
  enum Backend {
    ROCKSDB("rocksdb"),
    HEAP("hashmap");

    final String flinkName;

    Backend(String flinkName) {
      this.flinkName = flinkName;
    }
  }

  /**
   * Wall time of a bounded run, Flink's own net runtime of the job, the JVM's CPU time during it
   * and the JIT compiler's share of that (both ms), and (when the rows were discarded) how many
   * rows each table got.
   */
  record Timing(
      long wallMs,
      long netRuntimeMs,
      long cpuMs,
      long jitMs,
      Map<String, Long> rowsByTable,
      List<JobProgress.Step> steps) {}

  /** Where the job's rows go: the production ClickHouse sinks, or nowhere (the job's own cost). */
  enum Rows {
    CLICKHOUSE,
    DISCARDED
  }

  private final JobOptions options;
  private final int parallelism;
  private final Path workDir;
  private final Rows rows;

  AnalyticsRun(JobOptions options, int parallelism, Path workDir) {
    this(options, parallelism, workDir, Rows.CLICKHOUSE);
  }

  AnalyticsRun(JobOptions options, int parallelism, Path workDir, Rows rows) {
    this.options = options;
    this.parallelism = parallelism;
    this.workDir = workDir;
    this.rows = rows;
  }

  /**
   * Reads the topic up to the offsets it has now, then the job finishes; {@code onStep} hears of
   * each checkpoint's progress meanwhile.
   */
  Timing runBounded(Backend backend, Consumer<JobProgress.Step> onStep) throws Exception {
    StreamExecutionEnvironment env = environment(backend, true);
    long start = System.nanoTime();
    long jitBefore = JobProgress.jitMs();
    long cpuBefore = JobProgress.cpuMs();
    JobExecutionResult result;
    List<JobProgress.Step> steps;
    try (JobProgress progress =
        JobProgress.follow(
            options.bootstrapServers(),
            options.groupId(),
            Math.max(options.checkpointIntervalMs(), 1000),
            onStep)) {
      result = env.execute("callpulse-bench-" + backend.flinkName);
      steps = progress.steps();
    }
    long wallMs = (System.nanoTime() - start) / 1_000_000;
    long cpuMs = JobProgress.cpuMs() - cpuBefore;
    long jitMs = JobProgress.jitMs() - jitBefore;
    Map<String, Long> rowsByTable = new TreeMap<>();
    result
        .getAllAccumulatorResults()
        .forEach(
            (name, value) -> {
              if (name.startsWith(RowCounter.PREFIX)) {
                rowsByTable.put(name.substring(RowCounter.PREFIX.length()), (Long) value);
              }
            });
    return new Timing(wallMs, result.getNetRuntime(), cpuMs, jitMs, rowsByTable, steps);
  }

  /** Reads the topic until cancelled through the returned client. */
  JobClient startUnbounded(Backend backend) throws Exception {
    return environment(backend, false).executeAsync("callpulse-bench-latency");
  }

  private StreamExecutionEnvironment environment(Backend backend, boolean bounded) {
    Path dir =
        workDir.resolve(
            backend.flinkName
                + (bounded ? "-bounded-" : "-unbounded-")
                + rows.name().toLowerCase(java.util.Locale.ROOT));
    Configuration cluster = new Configuration();
    cluster.setString("restart-strategy.type", "none"); // a failure must end the bench, not loop
    cluster.setString("taskmanager.numberOfTaskSlots", Integer.toString(parallelism));
    cluster.setString("state.backend.rocksdb.localdir", dir.resolve("rocksdb").toString());
    // The JobManager's in-memory checkpoint storage refuses states above 5 MB.
    cluster.setString("state.checkpoints.dir", dir.resolve("checkpoints").toUri().toString());
    cluster.setString("taskmanager.memory.managed.size", LocalClusterRunner.MANAGED_MEMORY);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, cluster);

    AnalyticsSinks sinks =
        rows == Rows.CLICKHOUSE ? ChannelAnalyticsJob.clickHouseSinks(options) : new Discarded();
    ChannelAnalyticsJob job = new ChannelAnalyticsJob(kafkaSource(bounded), sinks, options);
    job.configure(env); // RocksDB, incremental, exactly-once checkpoints: as in production
    if (backend != Backend.ROCKSDB) {
      Configuration heap = new Configuration();
      heap.set(StateBackendOptions.STATE_BACKEND, backend.flinkName);
      env.configure(heap);
    }
    String effective = env.getConfiguration().get(StateBackendOptions.STATE_BACKEND);
    if (!backend.flinkName.equals(effective)) {
      throw new IllegalStateException("state backend is " + effective + ", wanted " + backend);
    }
    job.build(env);
    return env;
  }

  /**
   * Every row stream ends in a discarding sink, counted per table: the job still computes and
   * serializes them, and the counts say how many rows per event ClickHouse would have to take.
   */
  private static final class Discarded implements AnalyticsSinks {
    private static final long serialVersionUID = 1L;

    @Override
    public <T> void write(String table, Class<T> rowType, DataStream<T> rows) {
      rows.filter(new RowCounter<>(table))
          .name("count-" + table)
          .uid("count-" + table)
          .sinkTo(new DiscardingSink<>())
          .name("discard-" + table)
          .uid("discard-" + table);
    }
  }

  /** Passes every row on and counts it in an accumulator named after its table. */
  private static final class RowCounter<T> extends RichFilterFunction<T> {
    private static final long serialVersionUID = 1L;
    static final String PREFIX = "rows:";

    private final String table;
    private transient LongCounter rows;

    RowCounter(String table) {
      this.table = table;
    }

    @Override
    public void open(Configuration parameters) {
      rows = getRuntimeContext().getLongCounter(PREFIX + table);
    }

    @Override
    public boolean filter(T row) {
      rows.add(1L);
      return true;
    }
  }

  private IngestSource kafkaSource(boolean bounded) {
    KafkaSourceBuilder<IngestRecord> builder =
        KafkaSource.<IngestRecord>builder()
            .setBootstrapServers(options.bootstrapServers())
            .setTopics(options.topic())
            .setGroupId(options.groupId())
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new IngestRecordDeserializer());
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    KafkaSource<IngestRecord> kafka = builder.build();
    return env ->
        env.fromSource(kafka, WatermarkStrategy.noWatermarks(), "kafka-ncs-events")
            .uid("kafka-ncs-events");
  }
}
