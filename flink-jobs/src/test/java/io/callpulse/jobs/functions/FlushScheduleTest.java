package io.callpulse.jobs.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FlushScheduleTest {
  private static final int PER_INTERVAL = FlushSchedule.LIVE_EVENTS_PER_INTERVAL;
  private final FlushSchedule schedule = new FlushSchedule(1000, 3000);

  @Test
  void theDelayGrowsWithTheLiveEventsAndStopsAtTheMaximum() {
    assertEquals(1000, schedule.delayMs(0));
    assertEquals(1000, schedule.delayMs(PER_INTERVAL));
    assertEquals(2000, schedule.delayMs(PER_INTERVAL + 1));
    assertEquals(3000, schedule.delayMs(3 * PER_INTERVAL));
    assertEquals(3000, schedule.delayMs(1_000_000));
  }

  @Test
  void flushesStayOnTicksAndNeverComeBeforeTheChannelsNotBefore() {
    // A flush that fired a little after its tick counts from the tick: a small channel keeps its
    // one flush per tick.
    assertEquals(2000, schedule.notBeforeAfterFlush(1003, PER_INTERVAL));
    assertEquals(2000, schedule.flushTimerFor(1500, 2000));
    assertEquals(4000, schedule.notBeforeAfterFlush(1003, 3 * PER_INTERVAL));
    assertEquals(4000, schedule.flushTimerFor(1500, 4000));
    assertEquals(4000, schedule.flushTimerFor(3999, 4000));
    assertEquals(5000, schedule.flushTimerFor(4000, 4000), "the next tick, never now");
    assertEquals(2000, schedule.flushTimerFor(1500, 0), "a 102 resets the not-before");
    assertEquals(4000, schedule.deferredTimer(3500));
  }

  @Test
  void refusesAMaximumBelowTheInterval() {
    assertThrows(IllegalArgumentException.class, () -> new FlushSchedule(1000, 999));
    assertThrows(IllegalArgumentException.class, () -> new FlushSchedule(0, 1000));
  }
}
