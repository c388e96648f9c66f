package io.callpulse.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class JobProgressTest {
  @Test
  void onlyTheCheckpointsWithAQuietCompilerCount() {
    List<JobProgress.Step> steps =
        List.of(
            new JobProgress.Step(5_000, 50_000, 9_500, 5_000), // JIT 1 core
            new JobProgress.Step(5_000, 150_000, 9_500, 250), // 0.05 core
            new JobProgress.Step(5_000, 80_000, 9_500, 1_500), // 0.3 core
            new JobProgress.Step(5_000, 160_000, 9_000, 0));

    JobProgress.Quiet quiet = JobProgress.quiet(steps);

    assertEquals(2, quiet.steps());
    assertEquals(310_000, quiet.total().records());
    assertEquals(31_000, quiet.total().recordsPerSecond(), 1e-9);
    assertEquals((18_500 - 250) * 1000.0 / 310_000, quiet.total().cpuMicrosPerRecord(), 1e-9);
  }

  @Test
  void noneWhenTheCompilerNeverRested() {
    assertNull(JobProgress.quiet(List.of(new JobProgress.Step(5_000, 10, 9_000, 600))));
  }
}
