package io.callpulse.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  void nearestRank() {
    long[] values = new long[100];
    for (int i = 0; i < values.length; i++) {
      values[i] = 100 - i; // unsorted on purpose: 100 .. 1
    }
    Percentiles p = new Percentiles(values);
    assertEquals(100, p.count());
    assertEquals(50, p.at(50));
    assertEquals(99, p.at(99));
    assertEquals(100, p.max());
    assertEquals(1, p.at(0));
  }

  @Test
  void smallSamplesRoundUp() {
    Percentiles p = new Percentiles(new long[] {7, 3, 5});
    assertEquals(5, p.at(50));
    assertEquals(7, p.at(99));
  }

  @Test
  void emptySampleHasNoPercentiles() {
    assertThrows(IllegalStateException.class, () -> new Percentiles(new long[0]).at(50));
  }
}
