package io.callpulse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/flink/standalone-job-resume.sh, run with bash against a fake Flink entry point that prints
 * its arguments: a restarted compose JobManager must resume from the newest complete checkpoint.
 */
class FlinkResumeScriptTest {
  private static final String JOB_ID = "ca11000000000000000000000000ca11";

  @TempDir Path dir;

  @Test
  void firstStartRestoresNothing() throws IOException {
    String args = run(Map.of());
    assertTrue(
        args.startsWith(
            "standalone-job --job-classname io.callpulse.jobs.ChannelAnalyticsJob --job-id "
                + JOB_ID),
        args);
    assertTrue(!args.contains("--fromSavepoint"), args);
    assertTrue(args.endsWith("--bootstrap-servers kafka:9092"), args);
  }

  @Test
  void restartResumesFromTheNewestCompleteCheckpoint() throws IOException {
    Path job = dir.resolve("checkpoints").resolve(JOB_ID);
    for (String chk : new String[] {"chk-9", "chk-10", "chk-11"}) {
      Files.createDirectories(job.resolve(chk));
    }
    Files.writeString(job.resolve("chk-9/_metadata"), "x");
    Files.writeString(job.resolve("chk-10/_metadata"), "x");
    // chk-11 is still being written: no _metadata yet
    String args = run(Map.of());
    assertTrue(args.contains("--fromSavepoint " + job.resolve("chk-10")), args);
  }

  @Test
  void anExplicitSavepointWins() throws IOException {
    Path job = dir.resolve("checkpoints").resolve(JOB_ID);
    Files.createDirectories(job.resolve("chk-3"));
    Files.writeString(job.resolve("chk-3/_metadata"), "x");
    String args = run(Map.of("CALLPULSE_FLINK_RESTORE_PATH", "/flink-data/savepoints/savepoint-1"));
    assertTrue(
        args.contains("--fromSavepoint /flink-data/savepoints/savepoint-1 --bootstrap-servers"),
        args);
    assertEquals(1, args.split("--fromSavepoint", -1).length - 1, args);
  }

  private String run(Map<String, String> extraEnv) throws IOException {
    Path fake = dir.resolve("fake-entrypoint.sh");
    Files.writeString(fake, "#!/usr/bin/env bash\necho \"$*\"\n");
    assertTrue(fake.toFile().setExecutable(true));
    Map<String, String> env = new java.util.HashMap<>(extraEnv);
    env.put("CALLPULSE_FLINK_ENTRYPOINT", fake.toString());
    env.put("CALLPULSE_FLINK_CHECKPOINTS", dir.resolve("checkpoints").toString());
    Command.Result result =
        Command.of(
                dir,
                "bash",
                Repository.dockerDir().resolve("flink/standalone-job-resume.sh").toString(),
                "--bootstrap-servers",
                "kafka:9092")
            .withEnvironment(env)
            .run();
    assertEquals(0, result.exitCode(), result.output());
    String[] lines = result.output().strip().split("\n");
    return lines[lines.length - 1];
  }
}
