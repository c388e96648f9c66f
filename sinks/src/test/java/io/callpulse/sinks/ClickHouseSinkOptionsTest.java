package io.callpulse.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClickHouseSinkOptionsTest {

  private static final String URL = "jdbc:clickhouse:http://localhost:8123/callpulse";

  @Test
  void defaultsAreFiveThousandRowsOrTwoHundredMillisecondsAndThreeRetries() {
    ClickHouseSinkOptions options = ClickHouseSinkOptions.of(URL, "writer", "s3cret");
    assertEquals(5000, options.batchSize());
    assertEquals(200, options.batchIntervalMs());
    assertEquals(3, options.maxRetries());
  }

  @Test
  void toStringNeverShowsThePassword() {
    String text = ClickHouseSinkOptions.of(URL, "writer", "s3cret").toString();
    assertFalse(text.contains("s3cret"), text);
    assertTrue(text.contains("password=<redacted>"), text);
    assertTrue(text.contains("user=writer"), text);
  }

  @Test
  void turnsAsyncInsertsAndInsertTimeCollapsingOffAndKeepsConnectionsShortUnlessTheUrlChooses() {
    String keepAlive =
        "clickhouse_setting_optimize_on_insert=0&http_keep_alive_timeout="
            + ClickHouseSinkOptions.CLIENT_KEEP_ALIVE_MS
            + "&beta.row_binary_for_simple_insert=true";
    assertEquals(
        URL + "?clickhouse_setting_async_insert=0&" + keepAlive,
        ClickHouseSinkOptions.of(URL, "u", "").jdbcUrl());
    assertEquals(
        URL + "?a=1&clickhouse_setting_async_insert=0&" + keepAlive,
        ClickHouseSinkOptions.of(URL + "?a=1", "u", "").jdbcUrl());
    String chosen =
        URL
            + "?clickhouse_setting_async_insert=1&http_keep_alive_timeout=9000"
            + "&clickhouse_setting_optimize_on_insert=1"
            + "&beta.row_binary_for_simple_insert=false";
    assertEquals(chosen, ClickHouseSinkOptions.of(chosen, "u", "").jdbcUrl());
  }

  @Test
  void rejectsNonsense() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ClickHouseSinkOptions.of("http://localhost:8123", "u", ""));
    ClickHouseSinkOptions options = ClickHouseSinkOptions.of(URL, "u", "");
    assertThrows(IllegalArgumentException.class, () -> options.withBatch(0, 200));
    assertThrows(IllegalArgumentException.class, () -> options.withBatch(10, -1));
    assertThrows(IllegalArgumentException.class, () -> options.withMaxRetries(-1));
  }

  @Test
  void tableSpecBuildsTheInsertAndFindsPositions() {
    assertEquals(
        "INSERT INTO event_outcomes (app_id, channel_name, ingest_id, event_ts, outcome)"
            + " VALUES (?, ?, ?, ?, ?)",
        Tables.EVENT_OUTCOMES.insertSql());
    assertEquals(5, Tables.EVENT_OUTCOMES.position("outcome"));
    assertThrows(IllegalArgumentException.class, () -> Tables.EVENT_OUTCOMES.position("nope"));
  }
}
