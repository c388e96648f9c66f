package io.callpulse.jobs;

import java.util.Collection;
import org.apache.flink.contrib.streaming.state.RocksDBOptionsFactory;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;

/**
 * Lets RocksDB's memtables take memory in 1 MB arena blocks instead of an eighth of their write
 * buffer (8 MB with Flink's 64 MB default). Flink's write buffer manager counts the blocks a
 * memtable allocated, used or not, against the slot's share of managed memory: the dozen column
 * families of a slot's three operators, at a block each, come to ~100 MB of mostly empty blocks
 * (near the ~112 MB of a 256 MB slot's write buffers), so it flushed ~1,000 memtables of ~40 KB
 * each per subtask in one pipeline bench run, compaction fell behind and writes stalled (from
 * ~25,000 to 100-900 events/s for minutes). Flink has no option for the arena block size, hence
 * this factory; everything else stays as Flink configured it.
 */
public class SmallArenaBlocks implements RocksDBOptionsFactory {
  private static final long serialVersionUID = 1L;

  static final long ARENA_BLOCK_BYTES = 1L << 20;

  @Override
  public DBOptions createDBOptions(DBOptions current, Collection<AutoCloseable> handlesToClose) {
    return current;
  }

  @Override
  public ColumnFamilyOptions createColumnOptions(
      ColumnFamilyOptions current, Collection<AutoCloseable> handlesToClose) {
    return current.setArenaBlockSize(ARENA_BLOCK_BYTES);
  }
}
