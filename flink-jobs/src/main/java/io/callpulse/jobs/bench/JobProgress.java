package io.callpulse.jobs.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * Follows a bench job while it runs: once a second, the records its checkpoints have committed (the
 * consumer group's offsets, which the Kafka source commits when a checkpoint completes, so only
 * records whose effects are in that checkpoint count), the JVM's CPU time and the JIT compiler's. A
 * one-minute run on a fresh MiniCluster spends a third of its CPU compiling; the checkpoints during
 * which the compiler was quiet are closer to what a long-running job does.
 */
final class JobProgress implements AutoCloseable {
  /**
   * Records committed over a stretch of wall time (one checkpoint's, or several taken together),
   * and the JVM's and the JIT compiler's CPU meanwhile.
   */
  record Step(long durationMs, long records, long cpuMs, long jitMs) {
    static final Step NONE = new Step(0, 0, 0, 0);

    double recordsPerSecond() {
      return records * 1000.0 / durationMs;
    }

    double cores(long ms) {
      return ms / (double) durationMs;
    }

    /** JVM CPU per record without the compiler's, microseconds. */
    double cpuMicrosPerRecord() {
      return (cpuMs - jitMs) * 1000.0 / records;
    }

    Step plus(Step other) {
      return new Step(
          durationMs + other.durationMs,
          records + other.records,
          cpuMs + other.cpuMs,
          jitMs + other.jitMs);
    }
  }

  /** The steps in which the JIT compiler used less than a share of a core: how many, and summed. */
  record Quiet(int steps, Step total) {}

  /** A JIT below this share of one core counts as quiet. */
  static final double QUIET_JIT_CORES = 0.1;

  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** This JVM's CPU time so far, all threads, ms. */
  static long cpuMs() {
    return PROCESS.getProcessCpuTime() / 1_000_000;
  }

  /** The JIT compiler's time so far, ms. */
  static long jitMs() {
    return JIT.getTotalCompilationTime();
  }

  private final Admin admin;
  private final String groupId;
  private final Consumer<Step> onStep;
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "bench-job-progress");
            thread.setDaemon(true);
            return thread;
          });
  private final List<Step> steps = new ArrayList<>();
  private final long minStepMs;
  private long lastMs;
  private long lastCommitted;
  private long lastCpuMs;
  private long lastJitMs;

  private JobProgress(String bootstrap, String groupId, long minStepMs, Consumer<Step> onStep) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    this.admin = Admin.create(props);
    this.groupId = groupId;
    this.minStepMs = minStepMs;
    this.onStep = onStep;
  }

  /**
   * Starts sampling now; {@code onStep} hears of each step: the commits of at least {@code
   * minStepMs} (the checkpoint interval).
   */
  static JobProgress follow(
      String bootstrap, String groupId, long minStepMs, Consumer<Step> onStep) {
    JobProgress progress = new JobProgress(bootstrap, groupId, minStepMs, onStep);
    progress.lastMs = System.nanoTime() / 1_000_000;
    progress.lastCpuMs = cpuMs();
    progress.lastJitMs = jitMs();
    progress.sampler.scheduleWithFixedDelay(progress::sample, 1, 1, TimeUnit.SECONDS);
    return progress;
  }

  private synchronized void sample() {
    long committed;
    try {
      committed =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(5, TimeUnit.SECONDS)
              .values()
              .stream()
              .filter(java.util.Objects::nonNull)
              .mapToLong(OffsetAndMetadata::offset)
              .sum();
    } catch (Exception e) {
      return; // the next sample tries again; a missed one only merges two steps
    }
    long nowMs = System.nanoTime() / 1_000_000;
    // The subtasks commit their partitions each on its own completion notice: a step spans at
    // least a checkpoint interval so that it sees whole checkpoints, not one subtask's half.
    if (committed <= lastCommitted || (lastCommitted > 0 && nowMs - lastMs < minStepMs)) {
      return;
    }
    long cpuMs = cpuMs();
    long jitMs = jitMs();
    // The first commit's step includes the job's start-up: keep it out of the rates.
    if (lastCommitted > 0) {
      Step step =
          new Step(nowMs - lastMs, committed - lastCommitted, cpuMs - lastCpuMs, jitMs - lastJitMs);
      steps.add(step);
      onStep.accept(step);
    }
    lastMs = nowMs;
    lastCommitted = committed;
    lastCpuMs = cpuMs;
    lastJitMs = jitMs;
  }

  /** The checkpoints' steps so far. */
  synchronized List<Step> steps() {
    return List.copyOf(steps);
  }

  /**
   * The steps in which the JIT used less than {@link #QUIET_JIT_CORES} of a core, together; null
   * when there was none. In a one-minute run the compiler comes back in bursts until the end, so
   * these are picked one by one rather than as the run's tail.
   */
  static Quiet quiet(List<Step> steps) {
    int count = 0;
    Step total = Step.NONE;
    for (Step step : steps) {
      if (step.cores(step.jitMs()) < QUIET_JIT_CORES) {
        count++;
        total = total.plus(step);
      }
    }
    return count == 0 ? null : new Quiet(count, total);
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    admin.close();
  }
}
