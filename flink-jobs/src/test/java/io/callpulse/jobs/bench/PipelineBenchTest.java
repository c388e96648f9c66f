package io.callpulse.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PipelineBenchTest {
  @Test
  void aRunsDatabaseReplacesThePathOfTheUrlAndKeepsItsParameters() {
    assertEquals(
        "jdbc:clickhouse:http://127.0.0.1:18123/callpulse_bench_1",
        PipelineBench.withDatabase(
            "jdbc:clickhouse:http://127.0.0.1:18123/callpulse", "callpulse_bench_1"));
    assertEquals(
        "jdbc:clickhouse:http://h:8123/b?ssl=true&x=1",
        PipelineBench.withDatabase("jdbc:clickhouse:http://h:8123/a?ssl=true&x=1", "b"));
    assertEquals(
        "jdbc:clickhouse:http://h:8123/b",
        PipelineBench.withDatabase("jdbc:clickhouse:http://h:8123", "b"));
  }
}
