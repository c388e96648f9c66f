package io.callpulse.jobs;

import io.callpulse.jobs.functions.DeadLetterSerializer;
import io.callpulse.jobs.functions.NotificationSerializer;
import io.callpulse.jobs.records.DeadLetterRow;
import io.callpulse.jobs.records.OutboundNotification;
import io.callpulse.sinks.ClickHouseSinkOptions;
import io.callpulse.sinks.ClickHouseSinks;
import io.callpulse.sinks.RowBinder;
import io.callpulse.sinks.TableSpec;
import io.callpulse.sinks.Tables;
import java.util.Map;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Production wiring: every table through module sinks' batched at-least-once JDBC sink (rows are
 * idempotent: deterministic keys + versions), dead letters also to the Kafka dead-letter topic
 * (unless {@code --dead-letter-topic ""}), notifications to {@code --notifications-topic} (unless
 * "").
 */
final class ClickHouseAnalyticsSinks implements AnalyticsSinks {
  private static final long serialVersionUID = 1L;

  private record Target(TableSpec table, RowBinder<?> binder) {}

  private static final Map<String, Target> TARGETS =
      Map.of(
          "raw_events", new Target(Tables.RAW_EVENTS, RowBinders.RAW),
          "dead_letters", new Target(Tables.DEAD_LETTERS, RowBinders.DEAD_LETTER),
          "user_sessions", new Target(Tables.USER_SESSIONS, RowBinders.SESSION),
          "channel_epochs", new Target(Tables.CHANNEL_EPOCHS, RowBinders.EPOCH),
          "channel_concurrency", new Target(Tables.CHANNEL_CONCURRENCY, RowBinders.STEP),
          "channel_concurrency_minute",
              new Target(Tables.CHANNEL_CONCURRENCY_MINUTE, RowBinders.MINUTE),
          "daily_channel_usage", new Target(Tables.DAILY_CHANNEL_USAGE, RowBinders.DAILY_CHANNEL),
          "daily_user_usage", new Target(Tables.DAILY_USER_USAGE, RowBinders.DAILY_USER));

  private static final int BATCH_ROWS = 10_000;
  private static final long BATCH_INTERVAL_MS = 1_000;

  private final JobOptions options;

  ClickHouseAnalyticsSinks(JobOptions options) {
    this.options = options;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> void write(String table, Class<T> rowType, DataStream<T> rows) {
    if (NOTIFICATIONS.equals(table)) {
      if (!options.notificationsTopic().isEmpty()) {
        toKafka(
            (DataStream<OutboundNotification>) rows,
            new NotificationSerializer(options.notificationsTopic()),
            "kafka-notifications");
      }
      return;
    }
    Target target = TARGETS.get(table);
    if (target == null) {
      throw new IllegalArgumentException("no ClickHouse table " + table);
    }
    // One insert per table per second at most: ClickHouse wants few, large inserts (each is a
    // part).
    ClickHouseSinkOptions sinkOptions =
        ClickHouseSinkOptions.of(
                options.clickhouseUrl(), options.clickhouseUser(), options.clickhousePassword())
            .withBatch(BATCH_ROWS, BATCH_INTERVAL_MS);
    // Not chained: a JDBC sink inserts synchronously, and chained to the channel operator it would
    // stall that operator for every insert of every table; unchained, inserts overlap the
    // analytics. --clickhouse-writers per table, not the job's parallelism: every writer sends its
    // own insert per second, each a part to write and merge, and ClickHouse's cost per row halves
    // from 5,000-row to 50,000-row inserts (sinks/README.md). The sinks keep no state, so the
    // count can change across a savepoint.
    rows.sinkTo(ClickHouseSinks.sink(target.table(), (RowBinder<T>) target.binder(), sinkOptions))
        .name("clickhouse-" + table)
        .uid("clickhouse-" + table)
        .setParallelism(options.clickhouseWriters())
        .disableChaining();
    if (rowType == DeadLetterRow.class && !options.deadLetterTopic().isEmpty()) {
      toKafka(
          (DataStream<DeadLetterRow>) rows,
          new DeadLetterSerializer(options.deadLetterTopic()),
          "kafka-dead-letters");
    }
  }

  /**
   * At least once: a dead letter is a copy of what raw_events keeps, and a notification has a
   * deterministic id its receivers dedupe on.
   */
  private <T> void toKafka(
      DataStream<T> rows, KafkaRecordSerializationSchema<T> serializer, String name) {
    KafkaSink<T> kafka =
        KafkaSink.<T>builder()
            .setBootstrapServers(options.bootstrapServers())
            .setRecordSerializer(serializer)
            .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
            .build();
    rows.sinkTo(kafka).name(name).uid(name);
  }
}
