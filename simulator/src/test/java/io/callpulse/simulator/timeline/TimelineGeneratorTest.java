package io.callpulse.simulator.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.simulator.delivery.Delivery;
import io.callpulse.simulator.delivery.DeliveryPlan;
import io.callpulse.simulator.delivery.FaultInjector;
import io.callpulse.simulator.delivery.FaultOptions;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimelineGeneratorTest {
  private static final long START = Instant.parse("2024-05-01T22:00:00Z").getEpochSecond();
  private static final TenantShape SHAPE = new TenantShape(42, 3, 8, START, 4 * 3600);

  private static byte[] allBodies(TenantShape shape) {
    DeliveryPlan plan =
        FaultInjector.plan(TimelineGenerator.generate(shape), FaultOptions.defaults());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Delivery delivery : plan.deliveries()) {
      out.writeBytes(delivery.appId().getBytes());
      out.writeBytes(delivery.body());
      out.write('\n');
    }
    return out.toByteArray();
  }

  @Test
  void sameSeedGivesTheSameBytes() {
    byte[] first = allBodies(SHAPE);
    assertTrue(first.length > 10_000);
    assertEquals(new String(first), new String(allBodies(SHAPE)));
  }

  @Test
  void anotherSeedGivesAnotherTimeline() {
    TenantShape other = new TenantShape(43, 3, 8, START, 4 * 3600);
    assertNotEquals(new String(allBodies(SHAPE)), new String(allBodies(other)));
  }

  @Test
  void moreChannelsDoNotChangeTheFirstOnes() {
    TrueTimeline few = TimelineGenerator.generate(SHAPE);
    TrueTimeline more = TimelineGenerator.generate(new TenantShape(42, 3, 12, START, 4 * 3600));
    assertEquals(few.apps().get(1).channels().get(3), more.apps().get(1).channels().get(3));
  }

  @Test
  void epochsAreCoveredWithoutGapsAndSeparated() {
    for (SimChannel channel : channels(TimelineGenerator.generate(SHAPE))) {
      long previousDestroy = Long.MIN_VALUE;
      for (TrueEpoch epoch : channel.epochs()) {
        assertTrue(epoch.createTs() >= previousDestroy + 10, epoch.key());
        assertTrue(epoch.createTs() >= SHAPE.startTs() && epoch.destroyTs() <= SHAPE.endTs());
        List<TrueSession> byJoin = new ArrayList<>(epoch.sessions());
        byJoin.sort(Comparator.comparingLong(TrueSession::joinTs));
        assertEquals(epoch.createTs(), byJoin.get(0).joinTs(), epoch.key());
        long covered = epoch.createTs();
        for (TrueSession session : byJoin) {
          // Equal only for a device switch: the new device joins as the old one is dropped.
          assertTrue(session.joinTs() <= covered, session.key());
          covered = Math.max(covered, session.leaveTs());
          assertTrue(session.duration() >= 5, session.key());
        }
        assertEquals(epoch.destroyTs(), covered);
        assertTrue(epoch.lastUids().size() >= 1);
        previousDestroy = epoch.destroyTs();
      }
    }
  }

  @Test
  void aUsersJoinsAreApartAndRoleChangesAvoidItsOverlaps() {
    for (SimChannel channel : channels(TimelineGenerator.generate(SHAPE))) {
      for (TrueEpoch epoch : channel.epochs()) {
        for (TrueSession a : epoch.sessions()) {
          for (TrueSession b : epoch.sessions()) {
            if (a == b || a.uid() != b.uid()) {
              continue;
            }
            assertTrue(Math.abs(a.joinTs() - b.joinTs()) >= 3, a.key() + " " + b.key());
            for (var change : a.roleChanges()) {
              boolean insideB = change.ts() >= b.joinTs() && change.ts() < b.leaveTs();
              assertTrue(!insideB, "role change of " + a.key() + " inside " + b.key());
            }
          }
          for (var change : a.roleChanges()) {
            assertTrue(change.ts() > a.joinTs() && change.ts() < a.leaveTs(), a.key());
          }
        }
      }
    }
  }

  @Test
  void clientSeqGrowsWithTimePerUser() {
    for (SimChannel channel : channels(TimelineGenerator.generate(SHAPE))) {
      record Step(long uid, long ts, int priority, long seq) {}
      List<Step> steps = new ArrayList<>();
      for (TrueEpoch epoch : channel.epochs()) {
        for (TrueSession s : epoch.sessions()) {
          steps.add(new Step(s.uid(), s.joinTs(), 0, s.joinSeq()));
          s.roleChanges().forEach(c -> steps.add(new Step(s.uid(), c.ts(), 1, c.clientSeq())));
          steps.add(new Step(s.uid(), s.leaveTs(), 2, s.leaveSeq()));
        }
      }
      steps.sort(
          Comparator.comparingLong(Step::uid)
              .thenComparingLong(Step::ts)
              .thenComparingInt(Step::priority));
      for (int i = 1; i < steps.size(); i++) {
        if (steps.get(i).uid() == steps.get(i - 1).uid()) {
          assertTrue(
              steps.get(i).seq() > steps.get(i - 1).seq(), channel.name() + " " + steps.get(i));
        }
      }
    }
  }

  @Test
  void theModelCoversTheFieldsVariety() {
    Set<Object> seen = new HashSet<>();
    for (SimChannel channel : channels(TimelineGenerator.generate(SHAPE))) {
      seen.add(channel.profile());
      for (TrueEpoch epoch : channel.epochs()) {
        for (TrueSession s : epoch.sessions()) {
          seen.add("reason " + s.leaveReason());
          seen.add("clientType " + s.clientType() + " on " + s.platform());
          seen.add("platform " + s.platform());
          if (Long.toString(s.joinSeq()).length() == 14) {
            seen.add("14-digit clientSeq");
          }
          if (s.account() != null) {
            seen.add("account");
          }
          if (!s.roleChanges().isEmpty()) {
            seen.add("role change");
          }
          if (s.uid() > Integer.MAX_VALUE) {
            seen.add("uid above 2^31");
          }
        }
      }
    }
    for (Object expected :
        List.of(
            Profile.LIVE,
            Profile.COMMUNICATION,
            "reason 5",
            "reason 10",
            "reason 1",
            "clientType 10 on 6",
            "clientType 30 on 6",
            "clientType 28 on 6",
            "clientType 60 on 6",
            "clientType null on 6",
            "clientType null on 1",
            "14-digit clientSeq",
            "account",
            "role change",
            "uid above 2^31")) {
      assertTrue(seen.contains(expected), "the timeline has no " + expected + ": " + seen);
    }
  }

  private static List<SimChannel> channels(TrueTimeline timeline) {
    return timeline.apps().stream().flatMap(a -> a.channels().stream()).toList();
  }
}
