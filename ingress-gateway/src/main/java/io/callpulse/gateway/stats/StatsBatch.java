package io.callpulse.gateway.stats;

import java.util.List;

/**
 * One INSERT into {@code ingest_stats_minute}: the counts of one minute drained in one flush, and
 * the {@code insert_deduplication_token} chosen when the batch was made. A retry sends the very
 * same rows with the same token, so ClickHouse drops the copy if the first attempt was in fact
 * stored (the answer lost, a timeout after the commit).
 */
record StatsBatch(Minute minute, String token) {

  /** Requests of one app and outcome. */
  record Row(String appId, String outcome, long requests) {}

  /** The rows of one UTC minute ({@code minute}: epoch second of its start). */
  record Minute(long minute, List<Row> rows) {
    Minute {
      rows = List.copyOf(rows);
    }

    long requests() {
      return rows.stream().mapToLong(Row::requests).sum();
    }
  }

  long epochMinute() {
    return minute.minute();
  }

  long requests() {
    return minute.requests();
  }
}
