package io.callpulse.gateway.ops;

/**
 * A count over the last {@code buckets × bucketMillis}, in fixed buckets that are reused as time
 * moves on: memory is constant however long the gateway runs. The window is exact to one bucket.
 */
final class SlidingWindowCounter {
  private final long bucketMillis;
  private final long[] counts;
  private final long[] bucketIndex;

  SlidingWindowCounter(int buckets, long bucketMillis) {
    this.bucketMillis = bucketMillis;
    this.counts = new long[buckets];
    this.bucketIndex = new long[buckets];
    java.util.Arrays.fill(bucketIndex, -1);
  }

  synchronized void increment(long nowMs) {
    long index = nowMs / bucketMillis;
    int slot = (int) (index % counts.length);
    if (bucketIndex[slot] != index) {
      bucketIndex[slot] = index;
      counts[slot] = 0;
    }
    counts[slot]++;
  }

  synchronized long sum(long nowMs) {
    long newest = nowMs / bucketMillis;
    long oldest = newest - counts.length + 1;
    long total = 0;
    for (int slot = 0; slot < counts.length; slot++) {
      if (bucketIndex[slot] >= oldest && bucketIndex[slot] <= newest) {
        total += counts[slot];
      }
    }
    return total;
  }
}
