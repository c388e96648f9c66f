package io.callpulse.sinks;

import java.util.List;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * Builds the Flink sinks that write rows into ClickHouse tables.
 *
 * <p>Delivery is at-least-once: ClickHouse has no transactions, so the connector's XA exactly-once
 * mode cannot work. A batch is sent when it is full, when the interval passes and on every
 * checkpoint; a failed batch is retried {@link ClickHouseSinkOptions#maxRetries()} times, then the
 * job fails and restarts from its last checkpoint, sending some rows again. Every table has a
 * deterministic key and a version (ReplacingMergeTree), so the replayed rows replace themselves and
 * readers using {@code FINAL} see each row once: exactly-once in effect.
 *
 * <p>One invalid row makes ClickHouse reject its whole batch, again on every retry and replay:
 * validate rows before the sink.
 */
public final class ClickHouseSinks {

  static final String DRIVER = "com.clickhouse.jdbc.ClickHouseDriver";

  private ClickHouseSinks() {}

  /** A sink inserting into {@code table} (use the constants of {@link Tables}). */
  public static <T> JdbcSink<T> sink(
      TableSpec table, RowBinder<T> binder, ClickHouseSinkOptions options) {
    JdbcStatementBuilder<T> statementBuilder = binder::bind;
    return JdbcSink.<T>builder()
        .withQueryStatement(table.insertSql(), statementBuilder)
        .withExecutionOptions(
            JdbcExecutionOptions.builder()
                .withBatchSize(options.batchSize())
                .withBatchIntervalMs(options.batchIntervalMs())
                .withMaxRetries(options.maxRetries())
                .build())
        .buildAtLeastOnce(connection(options));
  }

  /** A sink inserting {@code columns} (in binding order) into {@code table}. */
  public static <T> JdbcSink<T> sink(
      String table, List<String> columns, RowBinder<T> binder, ClickHouseSinkOptions options) {
    return sink(new TableSpec(table, columns), binder, options);
  }

  static JdbcConnectionOptions connection(ClickHouseSinkOptions options) {
    return new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
        .withUrl(options.jdbcUrl())
        .withDriverName(DRIVER)
        .withUsername(options.user())
        .withPassword(options.password())
        .build();
  }
}
