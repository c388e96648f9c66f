package io.callpulse.jobs.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.jobs.NcsTestBase;
import io.callpulse.model.NcsEvent;
import io.callpulse.model.Role;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The plain-Java analytics without Flink: epochs, timelines, unions, steps, days. */
class PureAnalyticsTest extends NcsTestBase {
  private static final long GAP = 3600;

  private static List<EpochResult> compute(ChannelLog log) {
    return ChannelComputation.compute(log, GAP, Long.MAX_VALUE / 2000, ZoneOffset.UTC);
  }

  @Test
  void epochsAreAnchoredBy101AndClosedBy102() {
    List<ChannelEpoch> epochs =
        ChannelEpochs.assign(
            logOf(
                channelCreated().at(T0),
                hostJoins(1).at(T0),
                hostLeaves(1).after(10).at(T0 + 10),
                channelDestroyed().at(T0 + 10),
                channelCreated().at(T0 + 10), // re-created in the same second
                hostJoins(2).at(T0 + 10),
                hostLeaves(2).after(5).at(T0 + 15),
                channelDestroyed().at(T0 + 15)),
            GAP);
    assertEquals(2, epochs.size());
    assertEquals(T0 + 10, epochs.get(0).destroyTs());
    assertEquals(List.of(1L), List.copyOf(epochs.get(0).events().keySet()));
    assertEquals(List.of(2L), List.copyOf(epochs.get(1).events().keySet()));
  }

  @Test
  void anOrphan102ClosesNothingAndEventsWithout101AreProvisional() {
    List<ChannelEpoch> epochs =
        ChannelEpochs.assign(
            logOf(
                channelDestroyed().at(T0 - 5000),
                hostJoins(1).at(T0),
                hostLeaves(1).after(10).at(T0 + 10),
                channelDestroyed().at(T0 + 12)),
            GAP);
    assertEquals(1, epochs.size());
    assertTrue(epochs.get(0).provisional());
    assertEquals(T0 + 12, epochs.get(0).destroyTs());
    assertEquals(Long.toString(T0), epochs.get(0).epochId());
  }

  @Test
  void aTimelineWithOverlapsRolesAndAnInferredSession() {
    List<UserEvent> events = new ArrayList<>();
    for (NcsEvent e :
        List.of(
            audienceJoins(1).at(T0),
            becomesHost(1).at(T0 + 10),
            hostJoins(1).at(T0 + 20),
            hostLeaves(1).after(30).at(T0 + 50),
            hostLeaves(1).after(60).at(T0 + 60),
            audienceLeaves(1).after(20).at(T0 + 200))) {
      events.add(UserEvent.of(e));
    }
    UserTimeline.Result timeline = UserTimeline.build(1, events, T0 + 300, true);
    List<PresenceInterval> intervals = timeline.intervals();
    assertEquals(3, intervals.size());
    assertEquals(1, intervals.get(0).roleSwitches());
    assertEquals(50, intervals.get(0).seconds(Role.HOST));
    assertTrue(intervals.get(2).inferred());
    assertEquals(T0 + 180, intervals.get(2).start());

    List<PresencePiece> pieces = PresenceUnion.of(intervals);
    assertEquals(60 + 20, pieces.stream().mapToLong(PresencePiece::seconds).sum());
    List<ConcurrencyStep> steps = Concurrency.steps(pieces);
    assertEquals(1, Concurrency.peak(steps).users());
    assertEquals(
        List.of(T0, T0 + 10, T0 + 60, T0 + 180, T0 + 200),
        steps.stream().map(ConcurrencyStep::ts).toList());
  }

  @Test
  void noPresenceMeansNoPeak() {
    assertNull(Concurrency.peak(List.of()));
    EpochResult result = compute(logOf(channelCreated().at(T0))).get(0);
    assertEquals(0, result.figures().totalSeconds());
    assertNull(result.figures().peakAt());
  }

  @Test
  void daysFollowTheConfiguredZone() {
    // 23:50 to 00:20 in Tokyo (UTC+9): 14:50 to 15:20 UTC.
    long start =
        java.time.LocalDateTime.of(2023, 11, 15, 23, 50)
            .atZone(ZoneId.of("Asia/Tokyo"))
            .toEpochSecond();
    List<PresencePiece> pieces =
        List.of(new PresencePiece(1, start, start + 1800, Role.HOST, "1-1", null, null));
    List<DailySplit.ChannelUsage> tokyo = DailySplit.perChannel(pieces, ZoneId.of("Asia/Tokyo"));
    assertEquals(
        List.of(600L, 1200L), tokyo.stream().map(DailySplit.ChannelUsage::seconds).toList());
    assertEquals(1, DailySplit.perChannel(pieces, ZoneOffset.UTC).size());
  }

  @Test
  void figuresArePureFunctionsOfTheEventSet() {
    Random random = new Random(5);
    for (int round = 0; round < 50; round++) {
      List<NcsEvent> events = new ArrayList<>();
      events.add(channelCreated().at(T0));
      for (long uid = 1; uid <= 5; uid++) {
        long t = T0 + random.nextInt(100);
        for (int s = 0; s < 3; s++) {
          long length = 1 + random.nextInt(200);
          events.add(random.nextBoolean() ? hostJoins(uid).at(t) : audienceJoins(uid).at(t));
          if (random.nextBoolean()) {
            events.add(becomesHost(uid).at(t + length / 2));
          }
          if (random.nextInt(5) > 0) {
            events.add(hostLeaves(uid).after(length).at(t + length));
          }
          t += length + random.nextInt(50);
        }
      }
      events.add(channelDestroyed().at(T0 + 2000));
      List<EpochResult> reference = compute(logOf(events));
      Collections.shuffle(events, random);
      ChannelLog shuffled = logOf(events);
      Map<Long, List<UserEvent>> reversed = new TreeMap<>();
      shuffled
          .users()
          .forEach(
              (uid, list) -> {
                List<UserEvent> copy = new ArrayList<>(list);
                Collections.reverse(copy);
                reversed.put(uid, copy);
              });
      List<EpochResult> again =
          compute(ChannelLog.of(shuffled.creates(), shuffled.destroys(), reversed));
      assertEquals(reference.size(), again.size());
      for (int i = 0; i < reference.size(); i++) {
        assertEquals(reference.get(i).figures(), again.get(i).figures());
        assertEquals(reference.get(i).sessions(), again.get(i).sessions());
        assertEquals(reference.get(i).steps(), again.get(i).steps());
        assertEquals(reference.get(i).userUsage(), again.get(i).userUsage());
      }
    }
  }
}
