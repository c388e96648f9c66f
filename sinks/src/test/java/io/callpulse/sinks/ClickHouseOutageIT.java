package io.callpulse.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ClickHouse goes away for 30 s while a job writes: the sink retries with back-off, the job fails
 * and restarts from its last checkpoint until ClickHouse is back, then catches up. Nothing is lost
 * and, thanks to the deterministic keys, nothing is counted twice.
 */
class ClickHouseOutageIT {

  @RegisterExtension static final MiniClusterExtension FLINK = TestFlinkCluster.extension();

  private static final String DATABASE = "sink_outage";
  private static final long ROWS = 10_000;
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @TempDir static Path home;

  private static TestClickHouse clickHouse;

  @BeforeAll
  static void startClickHouse() throws SQLException {
    clickHouse = TestClickHouse.own(home);
    clickHouse.migrate(DATABASE);
  }

  @AfterAll
  static void stopClickHouse() {
    clickHouse.close();
  }

  /** Counts task starts across restarts (the MiniCluster runs in this JVM). */
  static final AtomicInteger STARTS = new AtomicInteger();

  /** Slows the source down so the job is still writing when ClickHouse stops. */
  static final class Throttle extends RichMapFunction<Long, Long> {
    @Override
    public void open(OpenContext context) {
      STARTS.incrementAndGet();
    }

    @Override
    public Long map(Long value) throws InterruptedException {
      if (value % 2 == 0) {
        Thread.sleep(1);
      }
      return value;
    }
  }

  static final RowBinder<Long> OUTCOME_BINDER =
      (statement, n) -> {
        statement.setString(1, "app");
        statement.setString(2, "room-" + (n % 13));
        statement.setString(3, "ingest-" + n);
        statement.setObject(4, T0.plusSeconds(n));
        statement.setString(5, "applied");
      };

  @Test
  void theJobBacksOffCatchesUpAndLosesNothing() throws Exception {
    Configuration restarts = new Configuration();
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1000);
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.configure(restarts);
    env.enableCheckpointing(500);
    env.setParallelism(1);
    env.fromSequence(1, ROWS)
        .name("numbers")
        .map(new Throttle())
        .returns(Types.LONG)
        .name("throttle")
        .sinkTo(
            ClickHouseSinks.sink(
                Tables.EVENT_OUTCOMES,
                OUTCOME_BINDER,
                ClickHouseSinkOptions.of(
                        clickHouse.jdbcUrl(DATABASE), clickHouse.user(), clickHouse.password())
                    .withBatch(1000, 100)
                    .withMaxRetries(2)))
        .name("clickhouse-event_outcomes");
    JobClient job = env.executeAsync("clickhouse outage");

    try (Connection connection = clickHouse.connect(DATABASE)) {
      while (clickHouse.queryLong(connection, "SELECT count() FROM event_outcomes") == 0) {
        Thread.sleep(100);
      }
    }
    clickHouse.stop();
    Thread.sleep(OUTAGE.toMillis());
    assertFalse(
        job.getJobStatus().get().isGloballyTerminalState(),
        "the job must still be running when ClickHouse comes back, or the test proves nothing");
    clickHouse.restart();

    job.getJobExecutionResult().get();
    assertEquals(JobStatus.FINISHED, job.getJobStatus().get());
    assertTrue(STARTS.get() > 1, "the sink's failures must have restarted the job");
    try (Connection connection = clickHouse.connect(DATABASE)) {
      assertEquals(
          ROWS, clickHouse.queryLong(connection, "SELECT count() FROM event_outcomes FINAL"));
      assertEquals(
          ROWS,
          clickHouse.queryLong(connection, "SELECT uniqExact(ingest_id) FROM event_outcomes"));
      assertEquals(
          ROWS * (ROWS + 1) / 2,
          clickHouse.queryLong(
              connection,
              "SELECT sum(toUInt64(substring(ingest_id, 8))) FROM event_outcomes FINAL"));
    }
  }
}
