package io.callpulse.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callpulse.jobs.records.IngestRecord;
import io.callpulse.sinks.MigrationFolder;
import io.callpulse.sinks.Migrator;
import io.callpulse.sinks.MigratorSettings;
import io.callpulse.testsupport.ClickHouseDatabase;
import io.callpulse.testsupport.FlinkTestClusters;
import io.callpulse.testsupport.RealClickHouse;
import java.sql.Connection;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production sinks (module sinks, RowBinders) into a real ClickHouse migrated with the
 * project's DDL: every table gets its rows, and FINAL reads each key once with the figures.
 */
@RealClickHouse
class ChannelAnalyticsClickHouseIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(FlinkTestClusters.TASK_MANAGERS)
              .setNumberSlotsPerTaskManager(FlinkTestClusters.SLOTS_PER_TASK_MANAGER)
              .setConfiguration(Configuration.fromMap(FlinkTestClusters.configuration()))
              .build());

  @Test
  void everyTableGetsItsRows(ClickHouseDatabase db) throws Exception {
    try (Connection connection = db.openConnection()) {
      new Migrator(
              connection,
              new MigratorSettings(db.name(), 10_000), // the sample traffic is from 2023
              MigrationFolder.fromClasspath(),
              line -> {})
          .migrate();
    }
    List<IngestRecord> input = new SampleTraffic().records();
    JobOptions options =
        JobOptions.parse(
            new String[] {
              "--checkpoint-interval-ms", "0",
              "--dead-letter-topic", "",
              "--clickhouse-url", db.jdbcUrl(),
              "--clickhouse-user", db.user(),
              "--clickhouse-password", db.password()
            });
    ChannelAnalyticsJob job =
        new ChannelAnalyticsJob(
            env -> env.fromData(input, TypeInformation.of(IngestRecord.class)),
            new ClickHouseAnalyticsSinks(options),
            options);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    job.configure(env);
    job.build(env);
    env.execute("channel-analytics-clickhouse-it");

    assertEquals(
        List.of(List.of("room-1", "210", "180", "30", "2", "1", "destroy", "[-1]", "[1]")),
        db.query(
            "SELECT channel_name, total_seconds, host_seconds, audience_seconds,"
                + " peak_concurrent_users, role_switches, closed_by, client_types, platforms"
                + " FROM channel_epochs FINAL WHERE channel_name = 'room-1'"));
    assertEquals(List.of(List.of("3")), db.query("SELECT count() FROM user_sessions FINAL"));
    assertEquals(
        List.of(List.of(Integer.toString(input.size() - 1))),
        db.query("SELECT count() FROM raw_events"));
    assertEquals(List.of(List.of("1")), db.query("SELECT count() FROM dead_letters"));
    assertEquals(
        List.of(List.of(Integer.toString(input.size() - 1))),
        db.query("SELECT count() FROM event_outcomes"));
    assertEquals(
        List.of(List.of("215")), db.query("SELECT sum(seconds) FROM daily_channel_usage FINAL"));
    assertEquals(
        List.of(List.of("215")), db.query("SELECT sum(seconds) FROM daily_user_usage FINAL"));
    assertEquals(
        List.of(List.of("2")),
        db.query("SELECT max(users) FROM channel_concurrency FINAL WHERE channel_name = 'room-1'"));
    assertEquals(
        List.of(List.of("2")),
        db.query(
            "SELECT max(max_users) FROM channel_concurrency_minute FINAL"
                + " WHERE channel_name = 'room-1'"));
  }
}
