package io.callpulse.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.contrib.streaming.state.RocksDBConfigurableOptions;
import org.apache.flink.contrib.streaming.state.RocksDBOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The RocksDB settings the job brings along (flink-jobs/README.md): without them the pipeline bench
 * saw the job stall for minutes once its state outgrew the memtables' share of managed memory.
 */
class ChannelAnalyticsJobConfigTest {
  private static ReadableConfig configured() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    AnalyticsSinks unused =
        new AnalyticsSinks() {
          @Override
          public <T> void write(String table, Class<T> rowType, DataStream<T> rows) {}
        };
    new ChannelAnalyticsJob(e -> null, unused, JobOptions.defaults()).configure(env);
    return env.getConfiguration();
  }

  @Test
  void rocksDbGetsSmallWriteBuffersPartitionedFiltersAndBloomFilters() {
    ReadableConfig conf = configured();
    assertEquals(
        Map.of(
            "write buffer", MemorySize.parse("8mb"),
            "partitioned index and filters", true,
            "bloom filter", true),
        Map.of(
            "write buffer", conf.get(RocksDBConfigurableOptions.WRITE_BUFFER_SIZE),
            "partitioned index and filters", conf.get(RocksDBOptions.USE_PARTITIONED_INDEX_FILTERS),
            "bloom filter", conf.get(RocksDBConfigurableOptions.USE_BLOOM_FILTER)));
  }

  @Test
  void theSettingsAreOnesTheRocksDbBackendAccepts() {
    // A misspelt key would be ignored silently: the backend must read each one back.
    EmbeddedRocksDBStateBackend backend =
        new EmbeddedRocksDBStateBackend()
            .configure(configured(), ChannelAnalyticsJobConfigTest.class.getClassLoader());
    assertEquals(true, backend.isIncrementalCheckpointsEnabled());
    assertEquals(
        EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP,
        backend.getPriorityQueueStateType());
    assertEquals(true, backend.getMemoryConfiguration().isUsingPartitionedIndexFilters());
  }
}
