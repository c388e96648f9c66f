package io.callpulse.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Test sinks: every table's rows into a static map (the MiniCluster runs in this JVM). */
final class CollectingSinks implements AnalyticsSinks {
  private static final long serialVersionUID = 1L;
  static final Map<String, ConcurrentLinkedQueue<Object>> ROWS = new ConcurrentHashMap<>();

  static void clear() {
    ROWS.clear();
  }

  @SuppressWarnings("unchecked")
  static <T> List<T> rows(String table) {
    return new ArrayList<>(
        (ConcurrentLinkedQueue<T>) ROWS.getOrDefault(table, new ConcurrentLinkedQueue<>()));
  }

  @Override
  public <T> void write(String table, Class<T> rowType, DataStream<T> rows) {
    rows.sinkTo(new Collecting<>(table)).name("collect-" + table).uid("collect-" + table);
  }

  private static final class Collecting<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private final String table;

    Collecting(String table) {
      this.table = table;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<T> createWriter(InitContext context) {
      return new SinkWriter<>() {
        @Override
        public void write(T element, Context context) {
          ROWS.computeIfAbsent(table, k -> new ConcurrentLinkedQueue<>()).add(element);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }
}
