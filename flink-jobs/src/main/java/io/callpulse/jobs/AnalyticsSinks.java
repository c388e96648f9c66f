package io.callpulse.jobs;

import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where the job's row streams go, one call per table (names as in docs/schema-contract.md). Tests
 * collect the rows; production writes ClickHouse through module {@code sinks}.
 */
@FunctionalInterface
public interface AnalyticsSinks extends Serializable {
  <T> void write(String table, Class<T> rowType, DataStream<T> rows);
}
