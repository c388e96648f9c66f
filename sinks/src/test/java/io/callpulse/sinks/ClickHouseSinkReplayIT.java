package io.callpulse.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callpulse.testsupport.ClickHouseServer;
import io.callpulse.testsupport.RealClickHouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A replay (the same rows written again, as after a restore from a checkpoint) leaves exactly one
 * row per key under FINAL, the latest version winning and deleted keys disappearing.
 */
@RealClickHouse
class ClickHouseSinkReplayIT {

  @RegisterExtension static final MiniClusterExtension FLINK = TestFlinkCluster.extension();

  private static final String DATABASE = "sink_replay";
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final int STEPS = 3000;

  private static TestClickHouse clickHouse;

  /** A row of channel_concurrency. */
  public record Step(String channel, Instant ts, int users, long version, boolean deleted) {}

  static final RowBinder<Step> STEP_BINDER =
      (statement, step) -> {
        statement.setString(1, "app");
        statement.setString(2, step.channel());
        statement.setString(3, "epoch-1");
        statement.setObject(4, step.ts());
        statement.setLong(5, step.users());
        statement.setLong(6, step.users());
        statement.setLong(7, 0);
        statement.setLong(8, step.version());
        statement.setInt(9, step.deleted() ? 1 : 0);
      };

  @BeforeAll
  static void startClickHouse(ClickHouseServer server) throws SQLException {
    clickHouse = TestClickHouse.shared(server);
    clickHouse.migrate(DATABASE);
    try (Connection connection = clickHouse.connect(DATABASE)) {
      // keep every copy on disk so the test sees the replay really happened
      clickHouse.execute(connection, "SYSTEM STOP MERGES " + DATABASE + ".channel_concurrency");
    }
  }

  @AfterAll
  static void stopClickHouse() {
    clickHouse.close();
  }

  @Test
  void replayedRowsCountOnceAndTheLatestVersionWins() throws Exception {
    List<Step> firstRun = new ArrayList<>();
    for (int i = 0; i < STEPS; i++) {
      firstRun.add(new Step("room-" + (i % 7), T0.plusSeconds(i), i % 50, 1, false));
    }
    // The replay sends every row again, then newer versions: users + 1 for even seconds, and a
    // deletion for every tenth second.
    List<Step> replay = new ArrayList<>(firstRun);
    for (int i = 0; i < STEPS; i += 2) {
      replay.add(new Step("room-" + (i % 7), T0.plusSeconds(i), i % 50 + 1, 2, false));
    }
    for (int i = 0; i < STEPS; i += 10) {
      replay.add(new Step("room-" + (i % 7), T0.plusSeconds(i), 0, 3, true));
    }

    run(firstRun);
    run(replay);

    long expectedRows = 0;
    long expectedUsers = 0;
    for (int i = 0; i < STEPS; i++) {
      if (i % 10 != 0) {
        expectedRows++;
        expectedUsers += i % 50 + (i % 2 == 0 ? 1 : 0);
      }
    }
    try (Connection connection = clickHouse.connect(DATABASE)) {
      assertEquals(
          expectedRows,
          clickHouse.queryLong(connection, "SELECT count() FROM channel_concurrency FINAL"));
      assertEquals(
          expectedUsers,
          clickHouse.queryLong(connection, "SELECT sum(users) FROM channel_concurrency FINAL"));
      assertEquals(
          (long) STEPS * 2 + STEPS / 2 + STEPS / 10,
          clickHouse.queryLong(connection, "SELECT count() FROM channel_concurrency"),
          "every copy arrived (merges are stopped), yet FINAL counts each key once");
    }
  }

  private void run(List<Step> rows) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.fromData(rows, TypeInformation.of(Step.class))
        .sinkTo(
            ClickHouseSinks.sink(
                Tables.CHANNEL_CONCURRENCY,
                STEP_BINDER,
                ClickHouseSinkOptions.of(
                        // optimize_on_insert=0: a batch holding two copies of a key keeps both
                        clickHouse.jdbcUrl(DATABASE) + "&clickhouse_setting_optimize_on_insert=0",
                        clickHouse.user(),
                        clickHouse.password())
                    .withBatch(500, 100)))
        .name("clickhouse-channel_concurrency");
    env.execute("sink replay");
  }
}
