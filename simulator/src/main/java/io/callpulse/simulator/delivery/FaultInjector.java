package io.callpulse.simulator.delivery;

import io.callpulse.model.NcsCodes;
import io.callpulse.model.RtcEventType;
import io.callpulse.simulator.timeline.SimApp;
import io.callpulse.simulator.timeline.SimChannel;
import io.callpulse.simulator.timeline.TrueEpoch;
import io.callpulse.simulator.timeline.TrueSession;
import io.callpulse.simulator.timeline.TrueTimeline;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns true events into the notifications Agora sends, with its delivery faults. Deterministic:
 * the random stream depends only on the seed, and every decision is drawn in event order.
 *
 * <p>Only joins and leaves are ever lost; 101, 102 and role changes always arrive (the oracle
 * models exactly these losses, see README). Delays never exceed 1.5 s plus the reorder window, so a
 * pipeline that waits that long for stragglers sees the true order again.
 */
public final class FaultInjector {
  /** Agora's own latency between the event and the first delivery attempt. */
  private static final long MAX_LATENCY_MS = 1_500;

  private final FaultOptions options;
  private final SplittableRandom rng;
  private final Map<String, long[]> noticeCounters = new HashMap<>();
  private final List<Delivery> deliveries = new ArrayList<>();
  private final List<String> lost = new ArrayList<>();
  private final Map<String, Boolean> destroyFirst = new HashMap<>();
  private int lostJoins;
  private int lostLeaves;
  private int duplicates;
  private int redundant;
  private int reordered;
  private int extraDestroys;
  private int healthChecks;
  private int otherProducts;

  private FaultInjector(FaultOptions options, long seed) {
    this.options = options;
    this.rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  public static DeliveryPlan plan(TrueTimeline timeline, FaultOptions options) {
    return new FaultInjector(options, timeline.shape().seed()).build(timeline);
  }

  private DeliveryPlan build(TrueTimeline timeline) {
    List<TrueEvent> events = TrueEvents.of(timeline);
    for (TrueEvent event : events) {
      deliver(event);
    }
    for (SimApp app : timeline.apps()) {
      addHealthChecks(app, timeline);
      addOtherProducts(app, timeline);
    }
    // Stable: copies sent in the same millisecond keep the order they were made in.
    List<Delivery> ordered = new ArrayList<>(deliveries);
    ordered.sort(Comparator.comparingLong(Delivery::notifyMs));
    int epochsReversed = (int) destroyFirst.values().stream().filter(b -> b).count();
    FaultReport report =
        new FaultReport(
            events.size(),
            ordered.size(),
            lostJoins,
            lostLeaves,
            duplicates,
            redundant,
            reordered,
            epochsReversed,
            extraDestroys,
            healthChecks,
            otherProducts,
            lost.stream().sorted().toList());
    return new DeliveryPlan(ordered, report);
  }

  private void deliver(TrueEvent event) {
    if (event.isJoin() && rng.nextDouble() < options.lostJoinRate()) {
      lostJoins++;
      lost.add(event.key());
      return;
    }
    if (event.isLeave() && rng.nextDouble() < options.lostLeaveRate()) {
      lostLeaves++;
      lost.add(event.key());
      return;
    }
    long notifyMs = event.ts() * 1000 + rng.nextLong(20, MAX_LATENCY_MS);
    if (options.reorderWindowMs() > 0 && rng.nextDouble() < options.reorderRate()) {
      notifyMs += 1 + rng.nextLong(options.reorderWindowMs());
      reordered++;
    }
    if (event.isLeave() && isLastLeave(event) && destroyArrivesFirst(event.epoch())) {
      // Later than any 102 of this second can be: 102 overtakes the leave that caused it.
      notifyMs = event.ts() * 1000 + MAX_LATENCY_MS + 1 + rng.nextLong(5_000);
    }
    String sid = event.session() != null ? event.session().sid() : null;
    Delivery original =
        new Delivery(
            event.appId(),
            nextNoticeId(event.appId(), event.type().code()),
            NcsCodes.PRODUCT_RTC,
            event.type().code(),
            notifyMs,
            sid,
            NoticePayloads.of(event),
            Delivery.Copy.ORIGINAL,
            event.key());
    deliveries.add(original);
    if (rng.nextDouble() < options.duplicateRate()) {
      duplicates++;
      // Half the resends are byte-identical, half carry their own send time.
      long resentAt = rng.nextBoolean() ? notifyMs : notifyMs + rng.nextLong(1_000, 30_000);
      deliveries.add(original.resent(original.noticeId(), resentAt, Delivery.Copy.DUPLICATE));
    }
    if (rng.nextDouble() < options.redundantRate()) {
      redundant++;
      deliveries.add(
          original.resent(
              nextNoticeId(event.appId(), event.type().code()),
              notifyMs + rng.nextLong(0, 5_000),
              Delivery.Copy.REDUNDANT));
    }
    if (event.type() == RtcEventType.CHANNEL_DESTROYED
        && rng.nextDouble() < options.extraDestroyRate()) {
      addExtraDestroys(event, notifyMs);
    }
  }

  private boolean isLastLeave(TrueEvent event) {
    return event.ts() == event.epoch().destroyTs();
  }

  private boolean destroyArrivesFirst(TrueEpoch epoch) {
    return destroyFirst.computeIfAbsent(
        epoch.key(), k -> rng.nextDouble() < options.destroyBeforeLastLeaveRate());
  }

  /** Other users of the epoch, latest leavers first, stand in as the other lastUids. */
  private void addExtraDestroys(TrueEvent destroy, long notifyMs) {
    TrueEpoch epoch = destroy.epoch();
    List<Long> others =
        epoch.sessions().stream()
            .sorted(Comparator.comparingLong(TrueSession::leaveTs).reversed())
            .map(TrueSession::uid)
            .filter(uid -> !uid.equals(epoch.lastUids().get(0)))
            .distinct()
            .limit(1 + rng.nextInt(2))
            .toList();
    for (long uid : others) {
      extraDestroys++;
      deliveries.add(
          new Delivery(
              destroy.appId(),
              nextNoticeId(destroy.appId(), RtcEventType.CHANNEL_DESTROYED.code()),
              NcsCodes.PRODUCT_RTC,
              RtcEventType.CHANNEL_DESTROYED.code(),
              notifyMs + rng.nextLong(0, 3_000),
              null,
              NoticePayloads.destroy(destroy.channelName(), destroy.ts(), uid),
              Delivery.Copy.EXTRA_DESTROY,
              destroy.key()));
    }
  }

  /** The console's test button: a 101, or a join of uid 12121212, in channel test_webhook. */
  private void addHealthChecks(SimApp app, TrueTimeline timeline) {
    for (int i = 0; i < options.healthChecksPerApp(); i++) {
      long ts = timeline.shape().startTs() + rng.nextLong(timeline.shape().durationSeconds());
      JsonObject payload = new JsonObject().put("channelName", NcsCodes.HEALTH_CHECK_CHANNEL);
      int eventType;
      if (i % 2 == 0) {
        eventType = RtcEventType.CHANNEL_CREATED.code();
        payload.put("ts", ts);
      } else {
        eventType = RtcEventType.BROADCASTER_JOINED.code();
        payload
            .put("uid", NcsCodes.HEALTH_CHECK_UID)
            .put("platform", 1)
            .put("clientSeq", ts * 1000)
            .put("ts", ts);
      }
      healthChecks++;
      deliveries.add(
          new Delivery(
              app.appId(),
              nextNoticeId(app.appId(), eventType),
              NcsCodes.PRODUCT_RTC,
              eventType,
              ts * 1000 + rng.nextLong(20, MAX_LATENCY_MS),
              null,
              payload,
              Delivery.Copy.HEALTH_CHECK,
              null));
    }
  }

  /**
   * Conversational AI (17) and Cloud Recording (3) notifications of the app's channels. Their event
   * numbers collide with RTC's on purpose: 17/101 is "agent joined", not "channel created".
   */
  private void addOtherProducts(SimApp app, TrueTimeline timeline) {
    for (int i = 0; i < options.otherProductsPerApp(); i++) {
      long ts = timeline.shape().startTs() + rng.nextLong(timeline.shape().durationSeconds());
      SimChannel channel = app.channels().get(rng.nextInt(app.channels().size()));
      int productId;
      int eventType;
      JsonObject payload;
      if (i % 2 == 0) {
        productId = 17;
        eventType = 101 + rng.nextInt(3);
        payload =
            new JsonObject()
                .put("agent_id", "A" + rng.nextLong(1_000_000, 9_999_999))
                .put("start_ts", ts)
                .put("channel", channel.name())
                .put("status", eventType == 102 ? "STOPPED" : "RUNNING");
      } else {
        productId = 3;
        eventType = rng.nextBoolean() ? 40 : 41;
        payload =
            new JsonObject()
                .put("cname", channel.name())
                .put("uid", Long.toString(rng.nextLong(1, 1_000_000)))
                .put("sid", "S" + rng.nextLong(1_000_000, 9_999_999))
                .put("sequence", i)
                .put("sendts", ts * 1000)
                .put("serviceType", 0)
                .put(
                    "details",
                    new JsonObject()
                        .put("msgName", eventType == 40 ? "recorder_started" : "recorder_leave")
                        .put("status", 0));
      }
      otherProducts++;
      deliveries.add(
          new Delivery(
              app.appId(),
              nextNoticeId(app.appId(), eventType),
              productId,
              eventType,
              ts * 1000 + rng.nextLong(20, MAX_LATENCY_MS),
              null,
              payload,
              Delivery.Copy.OTHER_PRODUCT,
              null));
    }
  }

  /** Shaped like Agora's ids ("2000001428:4330:107"): an app prefix, a counter, the event type. */
  private String nextNoticeId(String appId, int eventType) {
    long[] counter =
        noticeCounters.computeIfAbsent(
            appId,
            k -> new long[] {rng.nextLong(1_000_000_000L, 9_999_999_999L), rng.nextLong(1, 9999)});
    counter[1]++;
    return counter[0] + ":" + counter[1] + ":" + eventType;
  }
}
