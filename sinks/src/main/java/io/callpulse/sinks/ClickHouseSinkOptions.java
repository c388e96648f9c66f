package io.callpulse.sinks;

import java.io.Serializable;

/**
 * Where and how the Flink sinks write to ClickHouse.
 *
 * @param url JDBC URL of the HTTP interface with the database, {@code
 *     jdbc:clickhouse:http://host:8123/callpulse}; server settings go in the query string with the
 *     prefix {@code clickhouse_setting_}
 * @param user ClickHouse user
 * @param password ClickHouse password (may be empty); never printed
 * @param batchSize rows per insert; a batch is also sent when {@code batchIntervalMs} passes and on
 *     every checkpoint
 * @param batchIntervalMs longest time a row waits in the sink's buffer; 0 disables the timer
 * @param maxRetries attempts after a failed insert, the connector sleeping 1 s, 2 s, ... between
 *     them; then the job fails and its restart strategy replays from the last checkpoint
 */
public record ClickHouseSinkOptions(
    String url, String user, String password, int batchSize, long batchIntervalMs, int maxRetries)
    implements Serializable {

  public static final int DEFAULT_BATCH_SIZE = 5000;
  public static final long DEFAULT_BATCH_INTERVAL_MS = 200;
  public static final int DEFAULT_MAX_RETRIES = 3;

  public ClickHouseSinkOptions {
    if (url == null || !url.startsWith("jdbc:clickhouse:")) {
      throw new IllegalArgumentException(
          "url must be a ClickHouse JDBC URL like jdbc:clickhouse:http://host:8123/callpulse, got "
              + url);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    if (batchIntervalMs < 0) {
      throw new IllegalArgumentException("batchIntervalMs must be >= 0, got " + batchIntervalMs);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
    }
    user = user == null || user.isEmpty() ? "default" : user;
    password = password == null ? "" : password;
  }

  /** Defaults for everything but the connection: batches of 5000 rows or 200 ms, 3 retries. */
  public static ClickHouseSinkOptions of(String url, String user, String password) {
    return new ClickHouseSinkOptions(
        url, user, password, DEFAULT_BATCH_SIZE, DEFAULT_BATCH_INTERVAL_MS, DEFAULT_MAX_RETRIES);
  }

  public ClickHouseSinkOptions withBatch(int size, long intervalMs) {
    return new ClickHouseSinkOptions(url, user, password, size, intervalMs, maxRetries);
  }

  public ClickHouseSinkOptions withMaxRetries(int retries) {
    return new ClickHouseSinkOptions(url, user, password, batchSize, batchIntervalMs, retries);
  }

  /**
   * The URL the driver gets: {@link #url} plus, unless the URL sets them, {@code async_insert=0},
   * so an acknowledged batch is written, not queued in a server buffer (chDB enables async inserts
   * by default), and a client keep-alive of {@value #CLIENT_KEEP_ALIVE_MS} ms: the sinks insert
   * about once a second, and a pooled connection idle as long as the server's keep-alive (1 s in
   * the local stack) is often closed by the server just as the next batch goes out ("Broken pipe",
   * a retry). And {@code optimize_on_insert=0}: by default ClickHouse collapses each inserted block
   * of a ReplacingMergeTree by key before writing it, which for our batches (a key rarely repeats
   * within one) cost a fifth to a quarter of the server's CPU for raw_events (1M rows in 5,000-row
   * RowBinary inserts: 11.6-12.9 s with it, 9.6-10.2 s without); readers use {@code FINAL} and
   * merges collapse the versions anyway, so no answer changes.
   */
  public String jdbcUrl() {
    String result = url;
    if (!result.contains("async_insert=")) {
      result = withParameter(result, "clickhouse_setting_async_insert=0");
    }
    if (!result.contains("optimize_on_insert=")) {
      result = withParameter(result, "clickhouse_setting_optimize_on_insert=0");
    }
    if (!result.contains("http_keep_alive_timeout=")) {
      result = withParameter(result, "http_keep_alive_timeout=" + CLIENT_KEEP_ALIVE_MS);
    }
    if (!result.contains("row_binary_for_simple_insert=")) {
      result = withParameter(result, "beta.row_binary_for_simple_insert=true");
    }
    return result;
  }

  static final long CLIENT_KEEP_ALIVE_MS = 500;

  private static String withParameter(String url, String parameter) {
    return url + (url.contains("?") ? "&" : "?") + parameter;
  }

  @Override
  public String toString() {
    return "ClickHouseSinkOptions[url="
        + url
        + ", user="
        + user
        + ", password="
        + (password.isEmpty() ? "<empty>" : "<redacted>")
        + ", batchSize="
        + batchSize
        + ", batchIntervalMs="
        + batchIntervalMs
        + ", maxRetries="
        + maxRetries
        + "]";
  }
}
