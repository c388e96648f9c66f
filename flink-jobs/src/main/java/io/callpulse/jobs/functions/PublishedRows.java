package io.callpulse.jobs.functions;

import java.util.HashMap;
import java.util.Map;

/**
 * The rows of one epoch as last published: row keys and content hashes in two arrays, one state
 * value per epoch (a MapState entry per row cost a RocksDB read per row and flush).
 */
public record PublishedRows(String[] rowKeys, long[] contentHashes) {
  public static final PublishedRows NONE = new PublishedRows(new String[0], new long[0]);

  public Map<String, Long> asMap() {
    Map<String, Long> map = new HashMap<>(rowKeys.length * 2);
    for (int i = 0; i < rowKeys.length; i++) {
      map.put(rowKeys[i], contentHashes[i]);
    }
    return map;
  }
}
