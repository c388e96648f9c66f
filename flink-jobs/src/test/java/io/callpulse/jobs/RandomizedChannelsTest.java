package io.callpulse.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.jobs.RandomChannels.Generated;
import io.callpulse.jobs.RandomChannels.Reference;
import io.callpulse.jobs.RandomChannels.TrueChannel;
import io.callpulse.jobs.RandomChannels.TrueEpoch;
import io.callpulse.jobs.functions.AnalyticsOutputs;
import io.callpulse.jobs.functions.ChannelAnalyticsFunction;
import io.callpulse.jobs.records.ChannelEpochRow;
import io.callpulse.jobs.records.EventOutcome;
import io.callpulse.model.NcsEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random channels → events → shuffled, duplicated (same and new noticeId), partly lost → the
 * operator; its final channel_epochs rows are compared with a second-by-second reference over the
 * TRUE sessions.
 *
 * <p>What is compared depends on what the lost events leave provable:
 *
 * <ul>
 *   <li>no user event lost (101s lost where the epoch does not touch the previous one, 102s lost
 *       where the next 101 is kept): every figure is exact, including peak time and role split;
 *   <li>joins lost: a leave carries its duration, so the presence is still exact: total seconds,
 *       users, sessions and the peak are exact; the role split is not (the inferred session takes
 *       the leave's role for its whole length, rule 4);
 *   <li>leaves lost: the session is closed at the 102 (rule 5), so presence can only grow: users
 *       and sessions are exact, total seconds and the peak are at least the truth.
 * </ul>
 */
class RandomizedChannelsTest extends NcsTestBase {
  enum Loss {
    NONE,
    JOINS,
    LEAVES
  }

  private static final int CHANNELS = 100;

  @ParameterizedTest
  @ValueSource(longs = {1L, 2L, 3L})
  void exactWithoutLostUserEvents(long seed) throws Exception {
    run(seed, Loss.NONE);
  }

  @ParameterizedTest
  @ValueSource(longs = {11L, 12L})
  void provableWithLostJoins(long seed) throws Exception {
    run(seed, Loss.JOINS);
  }

  @ParameterizedTest
  @ValueSource(longs = {21L, 22L})
  void provableWithLostLeaves(long seed) throws Exception {
    run(seed, Loss.LEAVES);
  }

  /**
   * How events reach the operator: all at once, or streamed in arrival order with the watermark 30
   * s behind the latest ts while processing time advances a second per {@code
   * eventSecondsPerWallSecond}; each event arrives up to {@code maxDelay} s of event time late, and
   * with {@code copiesHoursLate} one in 20 also gets a resend hours later.
   */
  record Delivery(
      boolean streamed, long eventSecondsPerWallSecond, int maxDelay, boolean copiesHoursLate) {
    static final Delivery AT_ONCE = new Delivery(false, 0, 0, false);

    /** Live traffic, two minutes of events per second so that the tests stay short. */
    static final Delivery STREAMED = new Delivery(true, 120, 20, true);

    /** A replay or the simulator: an hour of events in 10 s, reordered by up to 30 min. */
    static final Delivery COMPRESSED_REPLAY = new Delivery(true, 360, 1800, false);
  }

  /**
   * Epochs close and leave the state while other channels are live; only resends delivered hours
   * later can be late, so the final figures are still exact.
   */
  @ParameterizedTest
  @ValueSource(longs = {31L, 32L})
  void exactWhenStreamedWithWatermarks(long seed) throws Exception {
    run(seed, Loss.NONE, Delivery.STREAMED);
  }

  @ParameterizedTest
  @ValueSource(longs = {41L, 42L})
  void provableWhenStreamedWithLostJoins(long seed) throws Exception {
    run(seed, Loss.JOINS, Delivery.STREAMED);
  }

  @ParameterizedTest
  @ValueSource(longs = {51L, 52L})
  void provableWhenStreamedWithLostLeaves(long seed) throws Exception {
    run(seed, Loss.LEAVES, Delivery.STREAMED);
  }

  /**
   * The global watermark races hours ahead of each channel while events are reordered by seconds of
   * wall-clock time: no event is late and every figure is exact (the old event-time-only grace lost
   * most of such a channel).
   */
  @ParameterizedTest
  @ValueSource(longs = {61L, 62L})
  void exactWhenReplayedCompressedInTime(long seed) throws Exception {
    run(seed, Loss.NONE, Delivery.COMPRESSED_REPLAY);
  }

  /**
   * The heap cache in front of the users' state (UserLogCache) cannot change a row: without it,
   * with room for only 40 events (channels come in, outgrow it and leave all the time), and with
   * the default, the operator emits the same rows in the same order, streamed with late copies and
   * lost leaves.
   */
  @ParameterizedTest
  @ValueSource(longs = {71L, 72L})
  void sameRowsWhateverTheUserCacheHolds(long seed) throws Exception {
    List<NcsEvent> sent = traffic(new Random(seed), seed, Loss.LEAVES, new ArrayList<>());
    List<String> uncached = emitted(sent, seed, 0);
    assertSameRows(uncached, emitted(sent, seed, 40), "a cache of 40 events");
    assertSameRows(
        uncached,
        emitted(sent, seed, ChannelAnalyticsFunction.DEFAULT_CACHED_EVENTS),
        "the default");
  }

  /** Names the first row that differs (the lists hold thousands). */
  private static void assertSameRows(List<String> expected, List<String> actual, String what) {
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        throw new AssertionError(
            what
                + ": row "
                + i
                + " differs\n  uncached: "
                + expected.get(i)
                + "\n  cached:   "
                + actual.get(i));
      }
    }
    assertEquals(expected.size(), actual.size(), what + ": rows emitted");
  }

  /** Every row the operator emits for {@code sent}, delivered as the seed says, in order. */
  private List<String> emitted(List<NcsEvent> sent, long seed, long cachedEvents) throws Exception {
    try (ChannelHarness harness = ChannelHarness.withCachedEvents(cachedEvents)) {
      deliverAll(harness, sent, new Random(seed), Delivery.STREAMED);
      List<String> rows = new ArrayList<>();
      harness.harness.getOutput().forEach(r -> rows.add(r.toString()));
      for (OutputTag<?> tag :
          List.of(
              AnalyticsOutputs.RAW,
              AnalyticsOutputs.SESSIONS,
              AnalyticsOutputs.CONCURRENCY,
              AnalyticsOutputs.CONCURRENCY_MINUTE,
              AnalyticsOutputs.DAILY_CHANNEL,
              AnalyticsOutputs.DAILY_USER,
              AnalyticsOutputs.NOTIFICATIONS)) {
        harness.side(tag).forEach(row -> rows.add(tag.getId() + " " + row));
      }
      assertTrue(rows.size() > CHANNELS * 10, "the traffic produced rows: " + rows.size());
      return rows;
    }
  }

  private void run(long seed, Loss loss) throws Exception {
    run(seed, loss, Delivery.AT_ONCE);
  }

  private void run(long seed, Loss loss, Delivery delivery) throws Exception {
    Random random = new Random(seed);
    List<TrueChannel> channels = new ArrayList<>();
    List<NcsEvent> sent = traffic(random, seed, loss, channels);

    try (ChannelHarness harness = new ChannelHarness()) {
      deliverAll(harness, sent, random, delivery);
      sendCopiesAfterFinalization(harness, sent, random);

      Map<String, List<List<Long>>> stepsByEpoch = new java.util.HashMap<>();
      harness.steps().stream()
          .sorted(java.util.Comparator.comparingLong(s -> s.ts()))
          .forEach(
              s ->
                  stepsByEpoch
                      .computeIfAbsent(s.channelName() + "/" + s.epochId(), k -> new ArrayList<>())
                      .add(List.of(s.ts(), (long) s.users(), (long) s.hosts())));
      Map<String, Map<Long, Long>> daysByEpoch = new java.util.HashMap<>();
      harness
          .dailyChannel()
          .forEach(
              d ->
                  daysByEpoch
                      .computeIfAbsent(
                          d.channelName() + "/" + d.epochId(), k -> new java.util.TreeMap<>())
                      .merge((long) d.day(), d.seconds(), Long::sum));
      Map<String, List<ChannelEpochRow>> byChannel =
          harness.epochs().stream().collect(Collectors.groupingBy(ChannelEpochRow::channelName));
      for (TrueChannel channel : channels) {
        List<ChannelEpochRow> rows = byChannel.getOrDefault(channel.name(), List.of());
        assertEquals(channel.epochs().size(), rows.size(), channel.name() + " " + rows);
        for (TrueEpoch epoch : channel.epochs()) {
          ChannelEpochRow row =
              rows.stream()
                  .filter(r -> r.epochId().equals(Long.toString(epoch.create())))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new AssertionError(
                              channel.name() + " no epoch " + epoch.create() + " in " + rows));
          Reference reference = RandomChannels.reference(epoch);
          compare(channel.name(), reference, row, loss);
          if (loss == Loss.NONE) {
            String key = channel.name() + "/" + row.epochId();
            assertEquals(reference.steps(), stepsByEpoch.get(key), key + " step function");
            assertEquals(reference.secondsPerDay(), daysByEpoch.get(key), key + " daily split");
          }
        }
      }
    }
  }

  /**
   * {@link #CHANNELS} random channels' events, perturbed by {@code loss} and shuffled; the true
   * channels are added to {@code channels}.
   */
  private List<NcsEvent> traffic(Random random, long seed, Loss loss, List<TrueChannel> channels) {
    List<NcsEvent> sent = new ArrayList<>();
    for (int c = 0; c < CHANNELS; c++) {
      TrueChannel channel = RandomChannels.channel(random, "ch-" + seed + "-" + c);
      channels.add(channel);
      sent.addAll(perturb(RandomChannels.events(this, channel, random), channel, random, loss));
    }
    Collections.shuffle(sent, random);
    return sent;
  }

  /**
   * Delivers {@code sent}, then lets event time and the grace pass: every channel must be left with
   * its tombstone only and no timer.
   */
  private static void deliverAll(
      ChannelHarness harness, List<NcsEvent> sent, Random random, Delivery delivery)
      throws Exception {
    if (delivery.streamed()) {
      stream(harness, sent, random, delivery);
    } else {
      harness.send(sent).flush();
    }
    long end = sent.stream().mapToLong(NcsEvent::ts).max().orElseThrow();
    harness.watermark(end + ChannelHarness.GAP + ChannelHarness.GRACE + 1).afterGrace();
    assertEquals(CHANNELS, harness.stateEntries(), "every channel cleared but its tombstone");
    assertEquals(0, harness.timers());
  }

  private static void stream(
      ChannelHarness harness, List<NcsEvent> sent, Random random, Delivery delivery)
      throws Exception {
    Map<NcsEvent, Long> arrival = new java.util.IdentityHashMap<>();
    List<NcsEvent> veryLate = new ArrayList<>();
    for (NcsEvent e : sent) {
      arrival.put(e, e.ts() + random.nextInt(delivery.maxDelay() + 1));
      if (delivery.copiesHoursLate() && random.nextInt(20) == 0) {
        // A resend hours later, after its epoch was final: counted late, not applied.
        NcsEvent copy = redundant(e);
        veryLate.add(copy);
        arrival.put(copy, e.ts() + 3 * ONE_HOUR + random.nextInt(600));
      }
    }
    List<NcsEvent> ordered = new ArrayList<>(sent);
    ordered.addAll(veryLate);
    ordered.sort(java.util.Comparator.comparingLong(arrival::get));
    long maxTs = Long.MIN_VALUE;
    long watermark = Long.MIN_VALUE;
    long nextWallSecond = Long.MIN_VALUE;
    for (NcsEvent e : ordered) {
      harness.send(e);
      maxTs = Math.max(maxTs, e.ts());
      if (maxTs - 30 >= watermark + 10) {
        watermark = maxTs - 30;
        harness.eventTime(watermark);
      }
      if (nextWallSecond == Long.MIN_VALUE) {
        nextWallSecond = maxTs + delivery.eventSecondsPerWallSecond();
      }
      while (maxTs >= nextWallSecond) {
        harness.flush();
        nextWallSecond += delivery.eventSecondsPerWallSecond();
      }
    }
    harness.flush();
    java.util.Set<String> lateCopies = new java.util.HashSet<>();
    veryLate.forEach(e -> lateCopies.add(e.ingestId()));
    List<String> late =
        harness.raw().stream()
            .filter(o -> o.outcome().equals(EventOutcome.LATE_AFTER_CLOSE))
            .map(o -> o.ingestId())
            .toList();
    assertTrue(lateCopies.containsAll(late), "only the copies delayed by hours are late");
    assertTrue(late.size() >= veryLate.size() / 2, late.size() + " of " + veryLate.size());
  }

  /**
   * Resends of some events after every epoch was final: each is counted late, no figure changes and
   * no state but the tombstones comes back.
   */
  private static void sendCopiesAfterFinalization(
      ChannelHarness harness, List<NcsEvent> sent, Random random) throws Exception {
    List<ChannelEpochRow> before = harness.epochs();
    int outcomesBefore = harness.raw().size();
    List<NcsEvent> copies = new ArrayList<>();
    for (NcsEvent e : sent) {
      if (random.nextInt(20) == 0) {
        copies.add(redundant(e));
      }
    }
    harness.send(copies).flush();
    List<String> outcomes =
        harness.outcomeNames().subList(outcomesBefore, harness.outcomeNames().size());
    assertEquals(copies.size(), outcomes.size());
    assertTrue(outcomes.stream().allMatch("late_after_close"::equals), outcomes.toString());
    assertEquals(before, harness.epochs(), "late copies change no figure");
    assertEquals(CHANNELS, harness.stateEntries());
  }

  private static void compare(String name, Reference expected, ChannelEpochRow row, Loss loss) {
    String what = name + " epoch " + row.epochId() + " expected " + expected + " got " + row;
    assertEquals(expected.uniqueUsers(), row.uniqueUsers(), what);
    assertEquals(expected.sessions(), row.sessions(), what);
    assertTrue(row.closedBy().equals("destroy") || row.closedBy().equals("inactivity"), what);
    assertEquals(row.totalSeconds(), row.hostSeconds() + row.audienceSeconds(), what);
    switch (loss) {
      case NONE -> {
        assertEquals(expected.total(), row.totalSeconds(), what);
        assertEquals(expected.host(), row.hostSeconds(), what);
        assertEquals(expected.audience(), row.audienceSeconds(), what);
        assertEquals(expected.uniqueHosts(), row.uniqueHosts(), what);
        assertEquals(expected.uniqueAudiences(), row.uniqueAudiences(), what);
        assertEquals(expected.roleSwitches(), row.roleSwitches(), what);
        assertEquals(expected.peak(), row.peakConcurrentUsers(), what);
        assertEquals(expected.peakAt(), row.peakAt(), what);
      }
      case JOINS -> {
        assertEquals(expected.total(), row.totalSeconds(), what);
        assertEquals(expected.peak(), row.peakConcurrentUsers(), what);
      }
      case LEAVES -> {
        assertTrue(row.totalSeconds() >= expected.total(), what);
        assertTrue(row.peakConcurrentUsers() >= expected.peak(), what);
      }
    }
  }

  /** Duplicates (same noticeId and new noticeId) and losses that keep the wanted provability. */
  private static List<NcsEvent> perturb(
      List<Generated> events, TrueChannel channel, Random random, Loss loss) {
    Set<Integer> lostCreates = new HashSet<>();
    Set<Integer> lostDestroys = new HashSet<>();
    for (int e = 0; e < channel.epochs().size(); e++) {
      boolean touchesPrevious = e > 0 && channel.epochs().get(e).gapBefore() == 0;
      boolean previousDestroyLost = lostDestroys.contains(e - 1);
      if (!touchesPrevious && !previousDestroyLost && random.nextInt(5) == 0) {
        lostCreates.add(e);
      } else if (random.nextInt(5) == 0) {
        lostDestroys.add(e);
      }
    }
    if (loss == Loss.LEAVES) {
      lostDestroys.clear(); // rule 5 closes lost leaves at the 102: keep it
    }
    List<NcsEvent> out = new ArrayList<>();
    for (Generated g : events) {
      NcsEvent e = g.event();
      if (e.eventType() == 101 && lostCreates.contains(g.epochIndex())) {
        continue;
      }
      if (e.eventType() == 102 && lostDestroys.contains(g.epochIndex())) {
        continue;
      }
      boolean isJoin = e.rtcType().orElseThrow().isJoin();
      boolean isLeave = e.rtcType().orElseThrow().isLeave();
      boolean epochStart =
          g.session() != null
              && g.session().start() == channel.epochs().get(g.epochIndex()).create();
      if (loss == Loss.JOINS && isJoin && !epochStart && random.nextInt(4) == 0) {
        continue;
      }
      if (loss == Loss.LEAVES && isLeave && random.nextInt(4) == 0) {
        continue;
      }
      out.add(e);
      int copy = random.nextInt(10);
      if (copy == 0) {
        out.add(resent(e));
      } else if (copy == 1) {
        out.add(redundant(e));
      }
    }
    return out;
  }
}
