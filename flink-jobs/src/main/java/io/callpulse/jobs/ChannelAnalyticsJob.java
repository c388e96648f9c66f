package io.callpulse.jobs;

import io.callpulse.jobs.functions.AnalyticsOutputs;
import io.callpulse.jobs.functions.AppDailyUsageFunction;
import io.callpulse.jobs.functions.ChannelAnalyticsFunction;
import io.callpulse.jobs.functions.IngestRecordDeserializer;
import io.callpulse.jobs.functions.NoticeDeduplicator;
import io.callpulse.jobs.functions.ParseNcsEvent;
import io.callpulse.jobs.records.ChannelEpochRow;
import io.callpulse.jobs.records.ConcurrencyMinuteRow;
import io.callpulse.jobs.records.ConcurrencyStepRow;
import io.callpulse.jobs.records.DailyChannelUsageRow;
import io.callpulse.jobs.records.DailyUsageInput;
import io.callpulse.jobs.records.DailyUserUsageRow;
import io.callpulse.jobs.records.DeadLetterRow;
import io.callpulse.jobs.records.IngestRecord;
import io.callpulse.jobs.records.IngestedEvent;
import io.callpulse.jobs.records.OutboundNotification;
import io.callpulse.jobs.records.RawEventRow;
import io.callpulse.jobs.records.UserSessionRow;
import java.time.ZoneId;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The CallPulse analytics job: raw Agora NCS bodies from Kafka → validation (dead letters) →
 * event-time watermarks → noticeId dedup → per channel (appId, channelName) state machine → rows
 * for the ClickHouse tables of docs/schema-contract.md. Rules and approximations: README.md.
 *
 * <p>Options ({@code --name value}, defaults in {@link JobOptions}):
 *
 * <ul>
 *   <li>{@code --bootstrap-servers} Kafka (127.0.0.1:9092); {@code --topic} (callpulse.ncs.events);
 *       {@code --dead-letter-topic} (callpulse.ncs.deadletter); {@code --notifications-topic}
 *       (callpulse.notifications; "" = none: final epochs, sessions and app days for the notifier);
 *       {@code --group-id} (callpulse-channel-analytics)
 *   <li>{@code --inactivity-gap-s} (7200) event-time gap that closes an epoch without 102 (rule 7)
 *       and its joins without leave (rule 5)
 *   <li>{@code --grace-s} (60) how long a closed epoch keeps its state for late events: this much
 *       event time after its end AND this much processing time after that
 *   <li>{@code --flush-ms} (1000) processing-time coalescing of a channel's row updates; {@code
 *       --max-flush-ms} (3000) the longest a big channel's live rows wait (a flush reads every live
 *       event, so its interval grows with the channel's size up to this)
 *   <li>{@code --out-of-orderness-s} (30) and {@code --idleness-s} (30) of the watermarks
 *   <li>{@code --notice-ttl-h} (24) how long a noticeId is remembered for dedup, and how long a
 *       channel remembers the end of its latest dropped epoch (older events are late)
 *   <li>{@code --zone} (UTC) day boundaries of the daily rollups (rule 10)
 *   <li>{@code --checkpoint-interval-ms} (10000), exactly-once, RocksDB with incremental
 *       checkpoints
 *   <li>{@code --clickhouse-url}, {@code --clickhouse-user}, {@code --clickhouse-password}
 *   <li>{@code --clickhouse-writers} (1) sinks per ClickHouse table, whatever the parallelism
 *   <li>{@code --user-cache-events} (200000) user events per subtask the channel operator keeps on
 *       the heap in front of RocksDB (about 175 bytes each; 0 = none)
 * </ul>
 */
public class ChannelAnalyticsJob {
  /** Where timers live: "HEAP" is what the job sets (and the deployments repeat). */
  public static final String TIMER_SERVICE = "state.backend.rocksdb.timer-service.factory";

  public static final String BLOOM_FILTER = "state.backend.rocksdb.use-bloom-filter";

  public static final String OPTIONS_FACTORY = "state.backend.rocksdb.options-factory";

  private final IngestSource source;
  private final AnalyticsSinks sinks;
  private final JobOptions options;

  public ChannelAnalyticsJob(IngestSource source, AnalyticsSinks sinks, JobOptions options) {
    this.source = source;
    this.sinks = sinks;
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    JobOptions options = JobOptions.parse(args);
    KafkaSource<IngestRecord> kafka =
        KafkaSource.<IngestRecord>builder()
            .setBootstrapServers(options.bootstrapServers())
            .setTopics(options.topic())
            .setGroupId(options.groupId())
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setDeserializer(new IngestRecordDeserializer())
            .setProperty("commit.offsets.on.checkpoint", "true")
            .build();
    IngestSource source =
        env ->
            env.fromSource(kafka, WatermarkStrategy.noWatermarks(), "kafka-ncs-events")
                .uid("kafka-ncs-events");
    new ChannelAnalyticsJob(source, new ClickHouseAnalyticsSinks(options), options).execute();
  }

  /**
   * The production sinks (every table into the ClickHouse of {@code options}, dead letters and
   * notifications to their Kafka topics unless set to ""), for running the real job elsewhere, e.g.
   * over a finite source in another module's tests.
   */
  public static AnalyticsSinks clickHouseSinks(JobOptions options) {
    return new ClickHouseAnalyticsSinks(options);
  }

  public JobExecutionResult execute() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    configure(env);
    build(env);
    return env.execute("callpulse-channel-analytics");
  }

  /** RocksDB with incremental checkpoints; exactly-once checkpoints when an interval is set. */
  public void configure(StreamExecutionEnvironment env) {
    Configuration conf = new Configuration();
    conf.setString("state.backend.type", "rocksdb");
    conf.setString("state.backend.incremental", "true");
    // A channel has at most two timers, re-registered on every event: on the heap that is a hash
    // lookup, in RocksDB (Flink's default for this backend) a read and a write each time.
    conf.setString(TIMER_SERVICE, "HEAP");
    // Most reads miss (a new noticeId, user, row or day): a bloom filter answers those without
    // touching the SST files.
    conf.setString(BLOOM_FILTER, "true");
    // Memtables in 1 MB arena blocks: with 8 MB ones the write buffer manager flushed near-empty
    // memtables until writes stalled (SmallArenaBlocks). 8 MB write buffers prevented the stall
    // too; partitioned index/filters did not, and cost about a quarter of the job's throughput in
    // the bench's 1M-event runs (flink-jobs/README.md).
    conf.setString(OPTIONS_FACTORY, SmallArenaBlocks.class.getName());
    env.configure(conf);
    if (options.checkpointIntervalMs() > 0) {
      env.enableCheckpointing(options.checkpointIntervalMs(), CheckpointingMode.EXACTLY_ONCE);
    }
  }

  /** Adds the topology to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    SingleOutputStreamOperator<IngestedEvent> parsed =
        source
            .create(env)
            .process(new ParseNcsEvent())
            .name("parse-validate")
            .uid("parse-validate");

    DataStream<IngestedEvent> timed =
        parsed
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<IngestedEvent>forBoundedOutOfOrderness(options.outOfOrderness())
                    .withTimestampAssigner((in, previous) -> in.event().eventTimeMs())
                    .withIdleness(options.idleness()))
            .name("event-time")
            .uid("event-time");

    SingleOutputStreamOperator<IngestedEvent> unique =
        timed
            .keyBy(NoticeDeduplicator::key)
            .process(new NoticeDeduplicator(options.noticeTtl()))
            .name("dedup-notice")
            .uid("dedup-notice");

    SingleOutputStreamOperator<ChannelEpochRow> epochs =
        unique
            .keyBy(in -> in.event().appId() + "/" + in.event().channelName())
            .process(
                new ChannelAnalyticsFunction(
                    options.inactivityGapSeconds(),
                    options.graceSeconds(),
                    options.flushIntervalMs(),
                    options.maxFlushIntervalMs(),
                    ZoneId.of(options.zone()),
                    options.noticeTtl(),
                    options.userCacheEvents()))
            .returns(AnalyticsOutputs.EPOCHS)
            .name("channel-analytics")
            .uid("channel-analytics");

    sinks.write(
        "dead_letters", DeadLetterRow.class, parsed.getSideOutput(AnalyticsOutputs.DEAD_LETTERS));
    sinks.write(
        "raw_events",
        RawEventRow.class,
        unique
            .getSideOutput(AnalyticsOutputs.RAW)
            .union(epochs.getSideOutput(AnalyticsOutputs.RAW)));
    sinks.write("channel_epochs", ChannelEpochRow.class, epochs);
    SingleOutputStreamOperator<OutboundNotification> dailyFinal =
        epochs
            .getSideOutput(AppDailyUsageFunction.INPUT)
            .keyBy(DailyUsageInput::appId)
            .process(
                new AppDailyUsageFunction(
                    options.inactivityGapSeconds(),
                    options.graceSeconds(),
                    ZoneId.of(options.zone()),
                    options.noticeTtl()))
            .returns(OutboundNotification.class)
            .name("app-daily-usage")
            .uid("app-daily-usage");
    sinks.write(
        AnalyticsSinks.NOTIFICATIONS,
        OutboundNotification.class,
        epochs.getSideOutput(AnalyticsOutputs.NOTIFICATIONS).union(dailyFinal));
    sinks.write(
        "user_sessions", UserSessionRow.class, epochs.getSideOutput(AnalyticsOutputs.SESSIONS));
    sinks.write(
        "channel_concurrency",
        ConcurrencyStepRow.class,
        epochs.getSideOutput(AnalyticsOutputs.CONCURRENCY));
    sinks.write(
        "channel_concurrency_minute",
        ConcurrencyMinuteRow.class,
        epochs.getSideOutput(AnalyticsOutputs.CONCURRENCY_MINUTE));
    sinks.write(
        "daily_channel_usage",
        DailyChannelUsageRow.class,
        epochs.getSideOutput(AnalyticsOutputs.DAILY_CHANNEL));
    sinks.write(
        "daily_user_usage",
        DailyUserUsageRow.class,
        epochs.getSideOutput(AnalyticsOutputs.DAILY_USER));
  }
}
