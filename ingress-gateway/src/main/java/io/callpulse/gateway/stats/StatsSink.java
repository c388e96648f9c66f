package io.callpulse.gateway.stats;

import java.io.IOException;

/** Where flushed batches go: ClickHouse in production, a fake in unit tests. */
interface StatsSink {
  /**
   * Stores {@code batch} under {@code sourceId}, or throws. Must be idempotent for a repeated
   * {@link StatsBatch#token()}.
   */
  void insert(String sourceId, StatsBatch batch) throws IOException, InterruptedException;
}
