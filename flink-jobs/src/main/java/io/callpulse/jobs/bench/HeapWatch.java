package io.callpulse.jobs.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the used heap of this JVM (generator, producer, MiniCluster and job all live in it) every
 * 100 ms: the peak of each phase and of the whole run. RocksDB's native memory is not heap; {@link
 * #peakRssBytes} reports the process's high-water mark for that.
 */
final class HeapWatch implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong phasePeak = new AtomicLong();
  private final AtomicLong overallPeak = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  HeapWatch() {
    sampler = new Thread(this::sample, "heap-watch");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    while (running) {
      long used = memory.getHeapMemoryUsage().getUsed();
      phasePeak.accumulateAndGet(used, Math::max);
      overallPeak.accumulateAndGet(used, Math::max);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Peak since the previous call (or the start), then starts a new phase. */
  long endPhase() {
    long used = memory.getHeapMemoryUsage().getUsed();
    overallPeak.accumulateAndGet(used, Math::max);
    return Math.max(phasePeak.getAndSet(used), used);
  }

  long overallPeak() {
    return overallPeak.get();
  }

  /** VmHWM of /proc/self/status, or -1 where there is none. */
  static long peakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
