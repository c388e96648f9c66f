package io.callpulse.jobs.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample (HdrHistogram is not on the job's classpath). */
final class Percentiles {
  private final long[] sorted;

  Percentiles(long[] values) {
    this.sorted = values.clone();
    Arrays.sort(sorted);
  }

  int count() {
    return sorted.length;
  }

  /** The smallest value with at least {@code p} percent of the sample at or below it. */
  long at(double p) {
    if (sorted.length == 0) {
      throw new IllegalStateException("no values");
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1];
  }

  long max() {
    return at(100);
  }
}
