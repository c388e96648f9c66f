package io.callpulse.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.contrib.streaming.state.RocksDBConfigurableOptions;
import org.apache.flink.contrib.streaming.state.RocksDBOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.RocksDB;

/**
 * The RocksDB settings the job brings along (flink-jobs/README.md): without the small arena blocks
 * the pipeline bench saw the job's writes stall for minutes.
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
  void rocksDbGetsSmallArenaBlocksAndBloomFilters() {
    ReadableConfig conf = configured();
    assertEquals(SmallArenaBlocks.class.getName(), conf.get(RocksDBOptions.OPTIONS_FACTORY));
    assertEquals(true, conf.get(RocksDBConfigurableOptions.USE_BLOOM_FILTER));
  }

  @Test
  void theBackendTakesTheSettingsAndTheFactorySetsOnlyTheArenaBlockSize() throws Exception {
    // A misspelt key would be ignored silently: the backend must read each one back.
    EmbeddedRocksDBStateBackend backend =
        new EmbeddedRocksDBStateBackend()
            .configure(configured(), ChannelAnalyticsJobConfigTest.class.getClassLoader());
    assertEquals(true, backend.isIncrementalCheckpointsEnabled());
    assertEquals(
        EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP,
        backend.getPriorityQueueStateType());
    assertEquals(SmallArenaBlocks.class, backend.getRocksDBOptions().getClass());

    RocksDB.loadLibrary();
    try (ColumnFamilyOptions flinks = new ColumnFamilyOptions().setWriteBufferSize(64L << 20)) {
      ColumnFamilyOptions ours = backend.getRocksDBOptions().createColumnOptions(flinks, List.of());
      assertSame(flinks, ours, "Flink's options, changed, not replaced");
      assertEquals(SmallArenaBlocks.ARENA_BLOCK_BYTES, ours.arenaBlockSize());
      assertEquals(64L << 20, ours.writeBufferSize());
    }
  }
}
