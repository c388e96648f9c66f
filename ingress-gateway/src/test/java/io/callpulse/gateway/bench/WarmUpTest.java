package io.callpulse.gateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The warm-up goes on while the compiler is busy, and no longer than its cap. */
class WarmUpTest {
  private final List<Integer> stretches = new ArrayList<>();
  private final AtomicLong jit = new AtomicLong();

  /**
   * Load whose stretches keep the compiler busy for the given ms each, in turn (the last repeats).
   */
  private WarmUp.Load compiling(long... jitMsPerStretch) {
    return seconds -> {
      jit.addAndGet(jitMsPerStretch[Math.min(stretches.size(), jitMsPerStretch.length - 1)]);
      stretches.add(seconds);
    };
  }

  @Test
  void goesOnInSlicesUntilOneInWhichTheCompilerWasQuiet() throws Exception {
    String said = new WarmUp(30, 300, 100, jit::get).run(compiling(5_000, 900, 400, 60, 0));
    assertEquals(List.of(30, 10, 10, 10), stretches, "the minimum, then slices until a quiet one");
    assertEquals("warm-up 60 s, JIT 60 ms in its last 10 s (settled)", said);
  }

  @Test
  void stopsAtItsCapAndSaysTheCompilerDidNotSettle() throws Exception {
    String said = new WarmUp(20, 50, 100, jit::get).run(compiling(5_000, 500));
    assertEquals(List.of(20, 10, 10, 10), stretches);
    assertEquals(
        "warm-up 50 s, JIT 500 ms in its last 10 s (not settled within --max-warmup-seconds)",
        said);
  }

  @Test
  void withoutAQuietThresholdItIsTheMinimumAlone() throws Exception {
    String said = new WarmUp(60, 300, 0, jit::get).run(compiling(5_000));
    assertEquals(List.of(60), stretches);
    assertEquals("warm-up 60 s", said);
  }

  @Test
  void refusesACapBelowTheMinimum() {
    assertThrows(IllegalArgumentException.class, () -> new WarmUp(60, 30, 100, jit::get));
  }
}
