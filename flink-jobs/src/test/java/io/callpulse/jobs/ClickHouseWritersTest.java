package io.callpulse.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.jobs.records.IngestRecord;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * ClickHouse wants few, large inserts: each table is written by {@code --clickhouse-writers} sinks
 * whatever the job's parallelism (sinks/README.md has the measurement).
 */
class ClickHouseWritersTest {

  @Test
  void eachTableGetsOneWriterByDefaultWhateverTheParallelism() {
    Map<String, Integer> writers = clickHouseSinkParallelism(JobOptions.defaults(), 4);
    assertEquals(8, writers.size(), writers.toString()); // raw, dead letters and six analytics
    writers.forEach((table, parallelism) -> assertEquals(1, parallelism, table));
  }

  @Test
  void theWriterCountIsAnOptionAndMustBePositive() {
    JobOptions three = JobOptions.parse(new String[] {"--clickhouse-writers", "3"});
    clickHouseSinkParallelism(three, 2)
        .forEach((table, parallelism) -> assertEquals(3, parallelism, table));
    assertThrows(
        IllegalArgumentException.class,
        () -> JobOptions.parse(new String[] {"--clickhouse-writers", "0"}));
    assertTrue(three.toString().contains("clickhouseWriters=3"), three.toString());
  }

  /** Builds the production topology (nothing runs) and reads each ClickHouse sink's parallelism. */
  private static Map<String, Integer> clickHouseSinkParallelism(
      JobOptions options, int parallelism) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    IngestSource source =
        e ->
            e.fromSource(
                    new NumberSequenceSource(0, 0), WatermarkStrategy.noWatermarks(), "numbers")
                .map(n -> (IngestRecord) null)
                .returns(TypeInformation.of(IngestRecord.class));
    ChannelAnalyticsJob job =
        new ChannelAnalyticsJob(source, ChannelAnalyticsJob.clickHouseSinks(options), options);
    job.build(env);
    Map<String, Integer> writers = new TreeMap<>();
    for (StreamNode node : env.getStreamGraph(false).getStreamNodes()) {
      if (node.getOperatorName().startsWith("clickhouse-")
          && node.getOperatorName().endsWith(": Writer")) {
        writers.put(node.getOperatorName(), node.getParallelism());
      }
    }
    return writers;
  }
}
