package io.callpulse.jobs.local;

import io.callpulse.jobs.ChannelAnalyticsJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the analytics job in an embedded MiniCluster the way {@code ./callpulse up} needs it:
 * RocksDB state and retained checkpoints under one work folder, and a restart (or a {@code kill
 * -9}) that resumes from the latest retained checkpoint. The job jar itself is unchanged: on a real
 * cluster {@link ChannelAnalyticsJob#main} runs directly and the cluster's configuration applies.
 *
 * <p>Usage: {@code LocalClusterRunner --work-dir DIR [--rest-port N] [--parallelism N]
 * [--checkpoint-interval-ms N] [job options...]}; every other option is passed to the job.
 */
public final class LocalClusterRunner {
  private static final Logger LOG = LoggerFactory.getLogger(LocalClusterRunner.class);

  /** Managed (off-heap) memory of the local TaskManager: RocksDB's cache and write buffers. */
  public static final String MANAGED_MEMORY = "512m";

  private LocalClusterRunner() {}

  public static void main(String[] args) throws Exception {
    List<String> jobArgs = new ArrayList<>();
    Path workDir = null;
    int restPort = 8081;
    int parallelism = 2;
    long checkpointIntervalMs = 5000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--work-dir" -> workDir = Path.of(args[++i]).toAbsolutePath();
        case "--rest-port" -> restPort = Integer.parseInt(args[++i]);
        case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
        case "--checkpoint-interval-ms" -> {
          checkpointIntervalMs = Long.parseLong(args[++i]);
          jobArgs.add("--checkpoint-interval-ms"); // the job enables checkpointing itself
          jobArgs.add(args[i]);
        }
        default -> jobArgs.add(args[i]);
      }
    }
    if (workDir == null) {
      throw new IllegalArgumentException("--work-dir is required");
    }
    Path checkpoints = workDir.resolve("checkpoints");
    Optional<Path> latest = RetainedCheckpoints.latest(checkpoints);
    Configuration conf = localConfiguration(workDir, restPort, parallelism, checkpointIntervalMs);
    if (latest.isPresent()) {
      LOG.info("Resuming from checkpoint {}", latest.get());
      conf.setString("execution.savepoint.path", latest.get().toUri().toString());
    } else {
      LOG.info(
          "No retained checkpoint in {}: starting from the committed Kafka offsets", checkpoints);
    }
    pruneOlderJobs(checkpoints, latest);
    LocalContextEnvironment.install(conf);
    ChannelAnalyticsJob.main(jobArgs.toArray(String[]::new));
  }

  static Configuration localConfiguration(
      Path workDir, int restPort, int parallelism, long checkpointIntervalMs) {
    Configuration conf = new Configuration();
    conf.setString("rest.address", "127.0.0.1");
    conf.setString("rest.bind-address", "127.0.0.1");
    conf.setString("rest.port", Integer.toString(restPort));
    conf.setString("rest.bind-port", Integer.toString(restPort));
    conf.setString("parallelism.default", Integer.toString(parallelism));
    conf.setString("taskmanager.numberOfTaskSlots", Integer.toString(Math.max(parallelism, 1)));
    conf.setString("state.backend.type", "rocksdb");
    conf.setString("state.backend.incremental", "true");
    conf.setString(ChannelAnalyticsJob.TIMER_SERVICE, "HEAP");
    conf.setString(ChannelAnalyticsJob.BLOOM_FILTER, "true");
    conf.setString("state.backend.rocksdb.localdir", workDir.resolve("rocksdb").toString());
    // RocksDB's block cache and write buffers live in managed memory; a MiniCluster's default
    // (128 MB for all slots) makes memtables flush constantly and halves the job's throughput.
    conf.setString("taskmanager.memory.managed.size", MANAGED_MEMORY);
    conf.setString("state.checkpoints.dir", workDir.resolve("checkpoints").toUri().toString());
    conf.setString("state.checkpoints.num-retained", "3");
    conf.setString("execution.checkpointing.interval", checkpointIntervalMs + " ms");
    conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
    conf.setString(
        "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    // Locally, a ClickHouse or Kafka hiccup must not end the job: back off and try again.
    conf.setString("restart-strategy.type", "exponential-delay");
    conf.setString("restart-strategy.exponential-delay.initial-backoff", "1 s");
    conf.setString("restart-strategy.exponential-delay.max-backoff", "30 s");
    conf.setString("restart-strategy.exponential-delay.attempts-before-reset-backoff", "1000000");
    return conf;
  }

  /**
   * Each start is a new job id with its own checkpoint folder; only the one we resume from matters.
   */
  private static void pruneOlderJobs(Path checkpoints, Optional<Path> keep) throws IOException {
    if (keep.isEmpty()) {
      return;
    }
    Path keepJob = keep.get().getParent();
    for (Path job : RetainedCheckpoints.jobFolders(checkpoints)) {
      if (!job.equals(keepJob)) {
        RetainedCheckpoints.deleteRecursively(job);
      }
    }
  }

  /** Makes the job's {@code getExecutionEnvironment()} return a local one with our settings. */
  private abstract static class LocalContextEnvironment extends StreamExecutionEnvironment {
    static void install(Configuration conf) {
      initializeContextEnvironment(
          jobConf -> {
            // The runner's state, checkpoint and REST settings win over the job's defaults.
            Configuration merged = new Configuration(jobConf);
            merged.addAll(conf);
            // What createLocalEnvironment does, minus its refusal to run under a context factory.
            merged.setString("execution.target", "local");
            merged.setString("execution.attached", "true");
            return new StreamExecutionEnvironment(merged);
          });
    }
  }
}
