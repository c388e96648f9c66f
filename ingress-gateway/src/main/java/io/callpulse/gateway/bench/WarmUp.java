package io.callpulse.gateway.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Load before the measured steps, until the JIT compiler has settled: a step measured while it
 * still compiles measures the compiler too, which on two cores takes one from the gateway for a few
 * hundred ms at a time, and such a stall can decide a step's p99. A gateway that has run for
 * minutes has long finished compiling, so the settled figures are the ones it serves at.
 *
 * <p>It runs at least {@code minSeconds}, then slices of {@value #SLICE_SECONDS} s until one in
 * which the compiler worked under {@code quietJitMs}, or until {@code maxSeconds}; and says which.
 */
final class WarmUp {
  static final int SLICE_SECONDS = 10;

  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

  /** One stretch of load of the given length. */
  interface Load {
    void run(int seconds) throws InterruptedException;
  }

  private final int minSeconds;
  private final int maxSeconds;
  private final long quietJitMs;
  private final LongSupplier jitMs;

  /** A warm-up that watches this JVM's compiler. */
  static WarmUp ofThisJvm(int minSeconds, int maxSeconds, long quietJitMs) {
    return new WarmUp(minSeconds, maxSeconds, quietJitMs, WarmUp::jitMs);
  }

  /**
   * @param jitMs the compiler's time so far, ms
   */
  WarmUp(int minSeconds, int maxSeconds, long quietJitMs, LongSupplier jitMs) {
    if (minSeconds < 0 || maxSeconds < minSeconds || quietJitMs < 0) {
      throw new IllegalArgumentException(
          "need 0 <= warm-up <= max warm-up and quiet JIT ms >= 0, got "
              + minSeconds
              + ", "
              + maxSeconds
              + ", "
              + quietJitMs);
    }
    this.minSeconds = minSeconds;
    this.maxSeconds = maxSeconds;
    this.quietJitMs = quietJitMs;
    this.jitMs = jitMs;
  }

  /** The JIT compiler's time so far in this JVM, ms (summed over its threads). */
  static long jitMs() {
    return JIT.getTotalCompilationTime();
  }

  /** Runs the warm-up; returns how long it took and whether the compiler settled. */
  String run(Load load) throws InterruptedException {
    if (minSeconds > 0) {
      load.run(minSeconds);
    }
    int seconds = minSeconds;
    long lastSliceJitMs = -1;
    while (quietJitMs > 0 && seconds + SLICE_SECONDS <= maxSeconds) {
      long before = jitMs.getAsLong();
      load.run(SLICE_SECONDS);
      seconds += SLICE_SECONDS;
      lastSliceJitMs = jitMs.getAsLong() - before;
      if (lastSliceJitMs < quietJitMs) {
        break;
      }
    }
    return "warm-up "
        + seconds
        + " s"
        + (lastSliceJitMs < 0
            ? ""
            : String.format(
                Locale.ROOT,
                ", JIT %d ms in its last %d s (%s)",
                lastSliceJitMs,
                SLICE_SECONDS,
                lastSliceJitMs < quietJitMs
                    ? "settled"
                    : "not settled within --max-warmup-seconds"));
  }
}
