package io.callpulse.simulator.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.model.NcsCodes;
import io.callpulse.model.NcsEvent;
import io.callpulse.model.NcsParser;
import io.callpulse.model.ParseResult;
import io.callpulse.simulator.timeline.TenantShape;
import io.callpulse.simulator.timeline.TimelineGenerator;
import io.callpulse.simulator.timeline.TrueTimeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
  private static final long START = Instant.parse("2024-05-01T22:00:00Z").getEpochSecond();
  private static final TrueTimeline TIMELINE =
      TimelineGenerator.generate(new TenantShape(5, 3, 20, START, 6 * 3600));
  private static final List<TrueEvent> EVENTS = TrueEvents.of(TIMELINE);

  private static final FaultOptions HEAVY =
      new FaultOptions(0.1, 0.05, 0.1, 20_000, 0.1, 0.1, 0.5, 0.3, 4, 6);

  @Test
  void withoutFaultsEveryEventArrivesOnceAsItsOwnNotice() {
    DeliveryPlan plan = FaultInjector.plan(TIMELINE, FaultOptions.none());

    assertEquals(EVENTS.size(), plan.deliveries().size());
    assertEquals(
        EVENTS.size(),
        plan.deliveries().stream().map(Delivery::noticeId).collect(Collectors.toSet()).size());
    assertTrue(plan.report().lostEventKeys().isEmpty());
  }

  @Test
  void faultRatesAreWhatWasAskedFor() {
    long joins = EVENTS.stream().filter(TrueEvent::isJoin).count();
    long leaves = EVENTS.stream().filter(TrueEvent::isLeave).count();
    assertTrue(EVENTS.size() > 3000, "enough events for statistics: " + EVENTS.size());

    FaultReport report = FaultInjector.plan(TIMELINE, HEAVY).report();

    assertNear(0.1 * joins, report.lostJoins(), "lost joins");
    assertNear(0.1 * leaves, report.lostLeaves(), "lost leaves");
    long delivered = EVENTS.size() - report.lostJoins() - report.lostLeaves();
    assertNear(0.1 * delivered, report.duplicates(), "duplicates");
    assertNear(0.05 * delivered, report.redundantCopies(), "redundant copies");
    assertNear(0.1 * delivered, report.reordered(), "reordered");
    assertEquals(3 * 4, report.healthChecks());
    assertEquals(3 * 6, report.otherProducts());
    assertEquals(report.lostJoins() + report.lostLeaves(), report.lostEventKeys().size());
  }

  /** Within five standard deviations of a binomial count: fails only when the rate is wrong. */
  private static void assertNear(double mean, long actual, String what) {
    double tolerance = 5 * Math.sqrt(mean) + 1;
    assertTrue(
        Math.abs(actual - mean) <= tolerance,
        what + ": " + actual + " is not near the expected " + mean);
  }

  @Test
  void copiesAreWhatAgoraSends() {
    DeliveryPlan plan = FaultInjector.plan(TIMELINE, HEAVY);
    Map<String, Delivery> originals = new HashMap<>();
    plan.deliveries().stream()
        .filter(d -> d.copy() == Delivery.Copy.ORIGINAL)
        .forEach(d -> originals.put(d.eventKey(), d));
    Set<String> lost = plan.lostEventKeys();

    for (Delivery d : plan.deliveries()) {
      switch (d.copy()) {
        case DUPLICATE -> {
          Delivery original = originals.get(d.eventKey());
          assertEquals(original.noticeId(), d.noticeId());
          assertEquals(original.payload(), d.payload());
          assertTrue(d.notifyMs() >= original.notifyMs());
        }
        case REDUNDANT -> {
          Delivery original = originals.get(d.eventKey());
          assertNotEquals(original.noticeId(), d.noticeId());
          assertEquals(original.payload(), d.payload());
        }
        case EXTRA_DESTROY -> {
          Delivery original = originals.get(d.eventKey());
          assertEquals(102, d.eventType());
          assertEquals(original.payload().getLong("ts"), d.payload().getLong("ts"));
          assertNotEquals(original.payload().getLong("lastUid"), d.payload().getLong("lastUid"));
        }
        case HEALTH_CHECK -> {
          assertEquals(NcsCodes.HEALTH_CHECK_CHANNEL, d.payload().getString("channelName"));
          if (d.payload().containsKey("uid")) {
            assertEquals(NcsCodes.HEALTH_CHECK_UID, d.payload().getLong("uid"));
          }
        }
        case OTHER_PRODUCT -> assertTrue(d.productId() == 17 || d.productId() == 3);
        case ORIGINAL -> assertTrue(!lost.contains(d.eventKey()), "lost but sent: " + d.eventKey());
      }
    }
    for (String key : lost) {
      assertTrue(key.endsWith("/join") || key.endsWith("/leave"), key);
      assertTrue(!originals.containsKey(key));
    }
    List<Delivery> sorted = new ArrayList<>(plan.deliveries());
    sorted.sort(Comparator.comparingLong(Delivery::notifyMs));
    assertEquals(sorted, plan.deliveries(), "sent in notifyMs order");
  }

  @Test
  void someDestroysArriveBeforeTheLastLeave() {
    DeliveryPlan plan = FaultInjector.plan(TIMELINE, HEAVY);
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < plan.deliveries().size(); i++) {
      Delivery d = plan.deliveries().get(i);
      if (d.copy() == Delivery.Copy.ORIGINAL) {
        position.put(d.eventKey(), i);
      }
    }
    long destroyFirst =
        EVENTS.stream()
            .filter(e -> e.isLeave() && e.ts() == e.epoch().destroyTs())
            .filter(e -> position.containsKey(e.key()))
            .filter(e -> position.get(e.key()) > position.get(e.epoch().destroyKey()))
            .count();
    assertTrue(plan.report().destroyBeforeLastLeave() > 10);
    assertTrue(destroyFirst >= plan.report().destroyBeforeLastLeave() / 2, "" + destroyFirst);
  }

  @Test
  void everyBodyIsAValidNcsNotification() {
    DeliveryPlan plan = FaultInjector.plan(TIMELINE, HEAVY);
    long receivedAt = (TIMELINE.shape().endTs() + 60) * 1000;
    // Every copy that is not an original, and a sample of the originals, keeps the test quick.
    List<Delivery> sample = new ArrayList<>();
    for (int i = 0; i < plan.deliveries().size(); i++) {
      Delivery d = plan.deliveries().get(i);
      if (d.copy() != Delivery.Copy.ORIGINAL || i % 10 == 0) {
        sample.add(d);
      }
    }
    assertTrue(sample.size() > 500);
    for (Delivery d : sample) {
      ParseResult result = NcsParser.parse(d.body(), d.appId(), receivedAt, "test");
      ParseResult.Accepted accepted =
          assertInstanceOf(ParseResult.Accepted.class, result, () -> new String(d.body()));
      NcsEvent event = accepted.event();
      assertEquals(d.noticeId(), event.noticeId());
      assertEquals(d.copy() == Delivery.Copy.HEALTH_CHECK, event.healthCheck());
      assertEquals(
          d.copy() != Delivery.Copy.HEALTH_CHECK && d.copy() != Delivery.Copy.OTHER_PRODUCT,
          event.isAnalyzable());
    }
  }
}
