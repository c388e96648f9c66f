package io.callpulse.jobs;

import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where the job's row streams go, one call per table (names as in docs/schema-contract.md), and one
 * for the {@link #NOTIFICATIONS} to partner systems. Tests collect the rows; production writes
 * ClickHouse through module {@code sinks}, the notifications to Kafka.
 */
@FunctionalInterface
public interface AnalyticsSinks extends Serializable {
  /** Not a table: the stream of {@code OutboundNotification}s for the notifier. */
  String NOTIFICATIONS = "notifications";

  <T> void write(String table, Class<T> rowType, DataStream<T> rows);
}
