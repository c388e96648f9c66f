package io.callpulse.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  private static final String[] REQUIRED = {
    "--kafka-bootstrap", "127.0.0.1:19092", "--clickhouse-url", "jdbc:clickhouse:http://h:1/db"
  };

  private static String[] with(String... more) {
    String[] args = new String[REQUIRED.length + more.length];
    System.arraycopy(REQUIRED, 0, args, 0, REQUIRED.length);
    System.arraycopy(more, 0, args, REQUIRED.length, more.length);
    return args;
  }

  @Test
  void helpNeedsNothingElse() {
    assertNull(BenchOptions.parse(new String[] {"--help"}));
  }

  @Test
  void defaultsScaleChannelsWithEvents() {
    BenchOptions options = BenchOptions.parse(with("--events", "200_000", "--keep-topics"));
    assertEquals(200_000, options.events());
    assertEquals(800, options.channels());
    assertEquals(5000, options.checkpointIntervalMs());
    assertTrue(options.keepTopics());
  }

  @Test
  void errorsNameTheOption() {
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class, () -> BenchOptions.parse(with("--events", "1e5")));
    assertEquals("--events must be a whole number, got 1e5", bad.getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> BenchOptions.parse(with("--evnets", "1")))
            .getMessage()
            .contains("evnets"));
    assertEquals(
        "--kafka-bootstrap is required",
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[0]))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> BenchOptions.parse(with("--parallelism", "0")));
  }

  @Test
  void runsPicksSomeMeasuredRunsAndRefusesOthers() {
    BenchOptions all = BenchOptions.parse(REQUIRED);
    assertTrue(BenchOptions.RUNS.stream().allMatch(all::runs));
    BenchOptions some = BenchOptions.parse(with("--runs", "alone,latency"));
    assertTrue(some.runs("alone") && some.runs("latency"));
    assertFalse(some.runs("rocksdb") || some.runs("heap"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> BenchOptions.parse(with("--runs", "fast")))
            .getMessage()
            .contains("fast"));
  }

  @Test
  void neverPrintsThePassword() {
    BenchOptions options = BenchOptions.parse(REQUIRED);
    String secret = "s3cret-for-test";
    BenchOptions withPassword =
        new BenchOptions(
            options.kafkaBootstrap(),
            options.clickhouseUrl(),
            options.clickhouseUser(),
            secret,
            options.events(),
            options.warmupEvents(),
            options.channels(),
            options.apps(),
            options.partitions(),
            options.parallelism(),
            options.checkpointIntervalMs(),
            options.flushMs(),
            options.maxFlushMs(),
            options.markerRate(),
            options.markerSeconds(),
            options.seed(),
            options.workDir(),
            options.keepTopics(),
            options.runs());
    assertFalse(withPassword.toString().contains(secret));
  }
}
