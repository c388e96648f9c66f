package io.callpulse.jobs.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.jobs.analytics.ChannelEpoch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The finality rule on its own: event-time grace AND processing-time grace. */
class EpochFinalityTest {
  private static final long GAP = 7200;
  private static final long GRACE = 60;
  private final EpochFinality finality = new EpochFinality(GAP, GRACE);

  private static ChannelEpoch destroyedAt(long destroyTs) {
    return new ChannelEpoch(
        "1000", 1000L, destroyTs, 1000, destroyTs, Map.of(), List.of(destroyTs));
  }

  private static ChannelEpoch lastActiveAt(long ts) {
    return new ChannelEpoch("1000", 1000L, null, 1000, ts, Map.of(), List.of());
  }

  @Test
  void anOpenEpochWaitsForTheInactivityGapInEventTime() {
    EpochFinality.Decision d =
        finality.decide(List.of(lastActiveAt(2000)), Map.of("1000", false), Map.of(), 2500, 0);
    assertTrue(d.finalized().isEmpty());
    assertEquals(2000 + GAP, d.nextEventTimerSeconds());
    assertEquals(Long.MAX_VALUE, d.nextProcessingTimerMs());
    assertFalse(d.nothingLive());
  }

  @Test
  void aDestroyedEpochWaitsForTheGraceInEventTime() {
    EpochFinality.Decision d =
        finality.decide(List.of(destroyedAt(2000)), Map.of("1000", true), Map.of(), 2000 + 59, 0);
    assertTrue(d.finalized().isEmpty());
    assertEquals(2000 + GRACE, d.nextEventTimerSeconds());
    assertTrue(d.pendingSince().isEmpty());
  }

  @Test
  void finalInEventTimeStartsTheProcessingTimeGrace() {
    long now = 5_000_000;
    EpochFinality.Decision d =
        finality.decide(List.of(destroyedAt(2000)), Map.of("1000", true), Map.of(), 2060, now);
    assertTrue(d.finalized().isEmpty());
    assertEquals(Map.of("1000", now), d.pendingSince());
    assertEquals(now + GRACE * 1000, d.nextProcessingTimerMs());
    assertEquals(Long.MAX_VALUE, d.nextEventTimerSeconds());
  }

  @Test
  void aReplayRacingAheadInEventTimeDoesNotFinalizeBeforeTheProcessingTimeGrace() {
    long since = 5_000_000;
    EpochFinality.Decision d =
        finality.decide(
            List.of(destroyedAt(2000)),
            Map.of("1000", true),
            Map.of("1000", since),
            2000 + 30 * 86400,
            since + GRACE * 1000 - 1);
    assertTrue(d.finalized().isEmpty());
    assertEquals(Map.of("1000", since), d.pendingSince());
  }

  @Test
  void bothGracesPassedFinalizesAndNothingIsLeft() {
    long since = 5_000_000;
    ChannelEpoch epoch = destroyedAt(2000);
    EpochFinality.Decision d =
        finality.decide(
            List.of(epoch),
            Map.of("1000", true),
            Map.of("1000", since),
            2060,
            since + GRACE * 1000);
    assertEquals(List.of(epoch), d.finalized());
    assertTrue(d.pendingSince().isEmpty());
    assertTrue(d.nothingLive());
  }

  @Test
  void anEpochClosedByInactivityIsFinalAGracePastTheGap() {
    EpochFinality.Decision early =
        finality.decide(
            List.of(lastActiveAt(2000)), Map.of("1000", true), Map.of(), 2000 + GAP + 59, 0);
    assertEquals(2000 + GAP + GRACE, early.nextEventTimerSeconds());
    EpochFinality.Decision due =
        finality.decide(
            List.of(lastActiveAt(2000)), Map.of("1000", true), Map.of(), 2000 + GAP + GRACE, 0);
    assertEquals(Map.of("1000", 0L), due.pendingSince());
  }
}
