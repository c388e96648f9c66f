package io.callpulse.jobs.functions;

import io.callpulse.jobs.analytics.ChannelComputation;
import io.callpulse.jobs.analytics.ChannelEpoch;
import io.callpulse.jobs.analytics.ChannelEpochs;
import io.callpulse.jobs.analytics.ChannelLog;
import io.callpulse.jobs.analytics.EpochDigest;
import io.callpulse.jobs.analytics.UserEvent;
import io.callpulse.jobs.records.ChannelEpochRow;
import io.callpulse.jobs.records.DailyUsageInput;
import io.callpulse.jobs.records.EventOutcome;
import io.callpulse.jobs.records.IngestedEvent;
import io.callpulse.jobs.records.OutboundNotification;
import io.callpulse.jobs.records.RawEventRow;
import io.callpulse.jobs.records.VersionedRow;
import io.callpulse.model.NcsEvent;
import io.callpulse.model.RtcEventType;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The channel state machine, keyed by "appId/channelName": keeps the channel's deduplicated events
 * and re-derives its rows with {@link ChannelComputation} (a pure function of that set), so arrival
 * order, duplicates and replays after a restore cannot change the figures.
 *
 * <ul>
 *   <li>Semantic dedup (agora-ncs.md §3): user events on (uid, eventType, clientSeq), 101/102 on
 *       (eventType, ts); a different event at a used clientSeq is stale (rule 1).
 *   <li>Rows go out on a processing-time timer that coalesces a channel's changes per {@code
 *       flushIntervalMs}. Only epochs whose input moved ({@link EpochDigest}) are re-derived, only
 *       rows whose content changed are emitted, rows that disappeared are emitted with is_deleted=1
 *       ({@link RowPublisher}). Versions are processing-time microseconds, strictly increasing per
 *       channel.
 *   <li>A flush reads and re-assigns every live event of the channel, so a big channel is flushed
 *       less often ({@link FlushSchedule}); a 102 is flushed at the next tick whatever the size, so
 *       a destroyed channel's results go out within {@code flushIntervalMs}.
 *   <li>An epoch ends at its 102 or after {@code inactivityGapSeconds} of event time without
 *       activity; {@link EpochFinality} decides when it is final (a grace in event time AND in
 *       processing time, so replays and backfills stay exact, agora-ncs.md §4 rule 11): then its
 *       events leave the state.
 *   <li>A final epoch's rows cannot change any more: it is announced to partner systems then
 *       ({@link FinalEpochNotifications}).
 *   <li>When no epoch is left, every state entry and timer of the channel is gone but a tombstone,
 *       the end of the latest final epoch, kept {@code tombstoneTtl} (state TTL). Events at or
 *       before it are counted as {@code late_after_close} and change nothing; events of a channel
 *       with no tombstone are applied however old they are, so a backfill is counted.
 * </ul>
 */
public class ChannelAnalyticsFunction
    extends KeyedProcessFunction<String, IngestedEvent, ChannelEpochRow> {
  private static final long serialVersionUID = 1L;

  /**
   * Events of recently flushed channels kept on the heap per subtask ({@link UserLogCache}): at
   * about 175 bytes each (measured with bench-like sessions), 200,000 are about 35 MB.
   */
  public static final long DEFAULT_CACHED_EVENTS = 200_000;

  private final long inactivityGapSeconds;
  private final long graceSeconds;
  private final FlushSchedule flushes;
  private final String zoneId;
  private final Duration tombstoneTtl;
  private final long cachedEvents;

  private transient MapState<Long, UserLog> users;
  private transient ValueState<ChannelMeta> meta;

  /** Epoch id -> the row keys and content hashes last published for it. */
  private transient MapState<String, PublishedRows> published;

  /** End (ts) of the latest epoch that left the state; survives the channel's other state. */
  private transient ValueState<Long> closedThrough;

  private transient UserLogCache cache;
  private transient Map<String, Counter> outcomeCounters;
  private transient EpochFinality finality;

  /** {@code cachedEvents}: user events per subtask kept on the heap ({@link UserLogCache}). */
  public ChannelAnalyticsFunction(
      long inactivityGapSeconds,
      long graceSeconds,
      long flushIntervalMs,
      long maxFlushIntervalMs,
      ZoneId zone,
      Duration tombstoneTtl,
      long cachedEvents) {
    this.inactivityGapSeconds = inactivityGapSeconds;
    this.graceSeconds = graceSeconds;
    this.flushes = new FlushSchedule(flushIntervalMs, maxFlushIntervalMs);
    this.zoneId = zone.getId();
    this.tombstoneTtl = tombstoneTtl;
    this.cachedEvents = cachedEvents;
  }

  @Override
  public void open(Configuration parameters) {
    users =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>("users", Types.LONG, TypeInformation.of(UserLog.class)));
    meta =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("meta", TypeInformation.of(ChannelMeta.class)));
    published =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "published", Types.STRING, TypeInformation.of(PublishedRows.class)));
    ValueStateDescriptor<Long> tombstone = new ValueStateDescriptor<>("closedThrough", Types.LONG);
    tombstone.enableTimeToLive(ExpiringState.afterLastWrite(tombstoneTtl));
    closedThrough = getRuntimeContext().getState(tombstone);
    cache = new UserLogCache(cachedEvents);
    outcomeCounters = new HashMap<>();
    finality = new EpochFinality(inactivityGapSeconds, graceSeconds);
  }

  /**
   * One metric counter per outcome ({@code outcome_applied}, {@code outcome_late_after_close}...).
   */
  private void count(String outcome) {
    outcomeCounters
        .computeIfAbsent(outcome, o -> getRuntimeContext().getMetricGroup().counter("outcome_" + o))
        .inc();
  }

  @Override
  public void processElement(IngestedEvent in, Context ctx, Collector<ChannelEpochRow> out)
      throws Exception {
    NcsEvent event = in.event();
    ChannelMeta stored = meta.value();
    ChannelMeta before = stored == null ? ChannelMeta.empty() : stored;
    Admission admission = admit(ctx.getCurrentKey(), event, before);
    String outcome = admission.outcome();
    count(outcome);
    ctx.output(AnalyticsOutputs.RAW, RawEventRow.of(event, outcome, in.body()));
    ChannelMeta current = admission.meta();
    if (EventOutcome.APPLIED.equals(outcome) || EventOutcome.ROLE_WITHOUT_SESSION.equals(outcome)) {
      // Event time must also reach this channel: with no processing-time flush before the end of
      // a (finite or replayed) input, this timer is what emits and closes it. It need only fire
      // before the watermark can make the event's day final downstream (end of the day + gap +
      // grace, flink-jobs/README.md), and ts + gap + grace is never later. A flush re-arms it where
      // the epochs next close, which for a channel in use is already that late, so only a late
      // event or a 102 (its epoch closes now: ts + grace) pulls it earlier. Pulled to ts + grace by
      // every event, it flushed each channel once per grace of event time: in a replay at 700x
      // real time, more flushes than events.
      boolean destroy = event.rtcType().orElseThrow() == RtcEventType.CHANNEL_DESTROYED;
      long checkMs = (event.ts() + (destroy ? 0 : inactivityGapSeconds) + graceSeconds) * 1000;
      if (current.eventTimerMs() == Long.MIN_VALUE || checkMs < current.eventTimerMs()) {
        if (current.eventTimerMs() != Long.MIN_VALUE) {
          ctx.timerService().deleteEventTimeTimer(current.eventTimerMs());
        }
        ctx.timerService().registerEventTimeTimer(checkMs);
        current = current.withEventTimer(checkMs);
      }
      if (destroy) {
        current = current.withFlushNotBefore(0); // a destroyed channel goes out at the next tick
      }
      ctx.timerService()
          .registerProcessingTimeTimer(
              flushes.flushTimerFor(
                  ctx.timerService().currentProcessingTime(), current.flushNotBeforeMs()));
    }
    if (current != before) { // rejected events leave a channel's state as it was (or absent)
      meta.update(current);
    }
  }

  /** What admitting an event decided, and the channel meta after it. */
  private record Admission(String outcome, ChannelMeta meta) {}

  /** Adds the event to the state unless it is a duplicate, stale or late. */
  private Admission admit(String channelKey, NcsEvent event, ChannelMeta current) throws Exception {
    // Late: not after an epoch this channel already dropped (the epoch it belonged to is gone).
    Long tombstone = closedThrough.value();
    if (tombstone != null && event.ts() <= tombstone) {
      return new Admission(EventOutcome.LATE_AFTER_CLOSE, current);
    }
    RtcEventType type = event.rtcType().orElseThrow();
    if (type == RtcEventType.CHANNEL_CREATED || type == RtcEventType.CHANNEL_DESTROYED) {
      boolean create = type == RtcEventType.CHANNEL_CREATED;
      long[] known = create ? current.creates() : current.destroys();
      if (ChannelMeta.contains(known, event.ts())) {
        return new Admission(EventOutcome.DUPLICATE_SEMANTIC, current);
      }
      long[] next = ChannelMeta.plus(known, event.ts());
      return new Admission(
          EventOutcome.APPLIED, create ? current.withCreates(next) : current.withDestroys(next));
    }
    UserLog log = userLog(channelKey, event.uid());
    if (log == null) {
      log = UserLog.empty();
    }
    int typeAtSeq = log.typeAt(event.clientSeq());
    if (typeAtSeq == event.eventType()) {
      return new Admission(EventOutcome.DUPLICATE_SEMANTIC, current);
    }
    if (typeAtSeq != 0) {
      return new Admission(EventOutcome.STALE_CLIENT_SEQ, current);
    }
    putUserLog(channelKey, event.uid(), log.with(UserEvent.of(event)));
    if (type.isRoleChange()
        && !log.looksInSession(event.clientSeq(), event.ts(), current.destroys())) {
      return new Admission(EventOutcome.ROLE_WITHOUT_SESSION, current);
    }
    return new Admission(EventOutcome.APPLIED, current);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ChannelEpochRow> out)
      throws Exception {
    ChannelMeta current = meta.value();
    if (current == null) {
      return; // the channel was finalized before this flush came due
    }
    if (ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.EVENT_TIME) {
      current = current.withEventTimer(Long.MIN_VALUE);
    } else if (timestamp < current.flushNotBeforeMs()
        && !finality.anyGraceOver(current.marks(), timestamp)) {
      // Registered before the last flush spaced this channel's flushes out: not due yet.
      ctx.timerService()
          .registerProcessingTimeTimer(flushes.deferredTimer(current.flushNotBeforeMs()));
      return;
    }
    flush(current, ctx, out);
  }

  private void flush(ChannelMeta current, OnTimerContext ctx, Collector<ChannelEpochRow> out)
      throws Exception {
    long watermarkSeconds = Math.floorDiv(ctx.timerService().currentWatermark(), 1000);
    String[] key = ctx.getCurrentKey().split("/", 2);
    String appId = key[0];
    String channel = key.length > 1 ? key[1] : "";
    ZoneId zone = ZoneId.of(zoneId);
    long version =
        Math.max(ctx.timerService().currentProcessingTime() * 1000, current.lastVersion() + 1);
    RowPublisher publisher = new RowPublisher(appId, channel, version, ctx, out);

    Map<String, EpochMark> previousMarks = new HashMap<>();
    for (EpochMark mark : current.marks()) {
      previousMarks.put(mark.epochId(), mark);
    }
    ChannelLog log = logOf(ctx.getCurrentKey(), current);
    List<ChannelEpoch> epochs = ChannelEpochs.assign(log, inactivityGapSeconds);
    Map<String, String> closedBy = new HashMap<>();
    Map<String, List<VersionedRow>> rowsByEpoch = new HashMap<>();
    List<EpochMark> marks = new ArrayList<>();
    for (ChannelEpoch epoch : epochs) {
      String epochId = epoch.epochId();
      String closing = ChannelComputation.closedBy(epoch, inactivityGapSeconds, watermarkSeconds);
      closedBy.put(epochId, closing);
      long digest = EpochDigest.of(epoch, closing);
      EpochMark mark = previousMarks.remove(epochId);
      if (mark == null || mark.digest() != digest) {
        // Only an epoch whose input moved is re-derived: the others' rows cannot have changed.
        List<VersionedRow> rows =
            EpochRows.of(appId, channel, ChannelComputation.compute(epoch, closing, zone));
        rowsByEpoch.put(epochId, rows);
        PublishedRows before = mark == null ? PublishedRows.NONE : published.get(epochId);
        published.put(epochId, publisher.publish(rows, before));
      }
      marks.add(
          new EpochMark(epochId, digest, mark == null ? EpochMark.NOT_FINAL : mark.finalSince()));
    }
    for (String vanished : previousMarks.keySet()) {
      publisher.retract(published.get(vanished));
      published.remove(vanished);
    }
    if (publisher.emittedAny()) {
      current = current.withLastVersion(version);
    }
    current =
        current
            .withMarks(marks.toArray(EpochMark[]::new))
            .withFlushNotBefore(
                flushes.notBeforeAfterFlush(
                    ctx.timerService().currentProcessingTime(), log.size()));
    for (ChannelEpoch epoch :
        finalizeClosedEpochs(current, epochs, closedBy, watermarkSeconds, ctx)) {
      String epochId = epoch.epochId();
      List<VersionedRow> rows = rowsByEpoch.get(epochId);
      if (rows == null) {
        rows =
            EpochRows.of(
                appId, channel, ChannelComputation.compute(epoch, closedBy.get(epochId), zone));
      }
      // Its final daily rows, then the mark, on the same stream: the app's daily operator sums
      // the rows it holds when every epoch of a day is marked.
      publisher.finalDailyRows(rows);
      ctx.output(AppDailyUsageFunction.INPUT, DailyUsageInput.epochFinal(appId, channel, epochId));
      for (OutboundNotification notification : FinalEpochNotifications.of(rows)) {
        ctx.output(AnalyticsOutputs.NOTIFICATIONS, notification);
      }
    }
  }

  /**
   * Drops the epochs {@link EpochFinality} declares final (their events, published rows and 101/102
   * leave the state; the tombstone moves to their end) and re-arms the timers for the others.
   * Returns the dropped epochs.
   */
  private List<ChannelEpoch> finalizeClosedEpochs(
      ChannelMeta current,
      List<ChannelEpoch> epochs,
      Map<String, String> closedBy,
      long watermarkSeconds,
      OnTimerContext ctx)
      throws Exception {
    Map<String, Boolean> closed = new HashMap<>();
    closedBy.forEach((epochId, closing) -> closed.put(epochId, !"open".equals(closing)));
    Map<String, Long> knownSince = new HashMap<>();
    for (EpochMark mark : current.marks()) {
      knownSince.put(mark.epochId(), mark.finalSince());
    }
    EpochFinality.Decision decision =
        finality.decide(
            epochs,
            closed,
            knownSince,
            watermarkSeconds,
            ctx.timerService().currentProcessingTime());
    Set<String> finalizedIds = new HashSet<>();
    decision.finalized().forEach(epoch -> finalizedIds.add(epoch.epochId()));
    List<EpochMark> marks = new ArrayList<>();
    for (EpochMark mark : current.marks()) {
      if (!finalizedIds.contains(mark.epochId())) {
        long since = decision.pendingSince().getOrDefault(mark.epochId(), EpochMark.NOT_FINAL);
        marks.add(new EpochMark(mark.epochId(), mark.digest(), since));
      }
    }
    current = current.withMarks(marks.toArray(EpochMark[]::new));
    if (!finalizedIds.isEmpty()) {
      current = drop(ctx.getCurrentKey(), current, decision.finalized(), epochs, finalizedIds);
    }
    if (current.eventTimerMs() != Long.MIN_VALUE) {
      ctx.timerService().deleteEventTimeTimer(current.eventTimerMs());
      current = current.withEventTimer(Long.MIN_VALUE);
    }
    if (decision.nothingLive()) {
      // Nothing live: the channel leaves nothing behind but its tombstone.
      users.clear();
      cache.forget(ctx.getCurrentKey());
      published.clear();
      meta.clear();
      return decision.finalized();
    }
    if (decision.nextProcessingTimerMs() != Long.MAX_VALUE) {
      ctx.timerService().registerProcessingTimeTimer(decision.nextProcessingTimerMs());
    }
    if (decision.nextEventTimerSeconds() != Long.MAX_VALUE) {
      long timerMs = decision.nextEventTimerSeconds() * 1000;
      ctx.timerService().registerEventTimeTimer(timerMs);
      current = current.withEventTimer(timerMs);
    }
    meta.update(current);
    return decision.finalized();
  }

  /** Removes final epochs' events and rows from the state; returns the meta without them. */
  private ChannelMeta drop(
      String channelKey,
      ChannelMeta current,
      List<ChannelEpoch> finalized,
      List<ChannelEpoch> epochs,
      Set<String> finalizedIds)
      throws Exception {
    Map<Long, List<UserEvent>> removedEvents = new HashMap<>();
    List<Long> removedChannelEvents = new ArrayList<>();
    Long tombstone = closedThrough.value();
    long finalizedThrough = tombstone == null ? Long.MIN_VALUE : tombstone;
    long[] cuts = current.cuts();
    for (ChannelEpoch epoch : finalized) {
      epoch
          .events()
          .forEach(
              (uid, evs) -> removedEvents.computeIfAbsent(uid, k -> new ArrayList<>()).addAll(evs));
      if (epoch.createTs() != null) {
        removedChannelEvents.add(epoch.createTs());
        cuts = ChannelMeta.plus(cuts, epoch.createTs());
      }
      removedChannelEvents.addAll(epoch.destroysUsed());
      finalizedThrough = Math.max(finalizedThrough, epoch.end());
      published.remove(epoch.epochId());
    }
    for (Map.Entry<Long, List<UserEvent>> entry : removedEvents.entrySet()) {
      UserLog log = userLog(channelKey, entry.getKey()).without(entry.getValue());
      if (log.events().length == 0) {
        removeUserLog(channelKey, entry.getKey());
      } else {
        putUserLog(channelKey, entry.getKey(), log);
      }
    }
    closedThrough.update(finalizedThrough);
    final long through = finalizedThrough;
    return current
        .withCuts(pruneCuts(cuts, epochs, finalizedIds))
        .withCreates(ChannelMeta.minus(current.creates(), removedChannelEvents))
        .withDestroys(
            java.util.Arrays.stream(ChannelMeta.minus(current.destroys(), removedChannelEvents))
                .filter(ts -> ts > through)
                .toArray());
  }

  private static long earliestLive(List<ChannelEpoch> epochs, Set<String> finalized) {
    long earliest = Long.MAX_VALUE;
    for (ChannelEpoch epoch : epochs) {
      if (!finalized.contains(epoch.epochId())) {
        earliest = Math.min(earliest, epoch.firstActivity());
      }
    }
    return earliest;
  }

  /** Cuts before every live epoch separate nothing any more. */
  private static long[] pruneCuts(long[] cuts, List<ChannelEpoch> epochs, Set<String> finalized) {
    long keepFrom = earliestLive(epochs, finalized);
    return java.util.Arrays.stream(cuts).filter(ts -> ts >= keepFrom).toArray();
  }

  /** The user's log, from the cache when its channel is cached (null: no events of the user). */
  private UserLog userLog(String channelKey, long uid) throws Exception {
    Map<Long, UserLog> cached = cache.users(channelKey);
    return cached != null ? cached.get(uid) : users.get(uid);
  }

  private void putUserLog(String channelKey, long uid, UserLog log) throws Exception {
    users.put(uid, log);
    cache.put(channelKey, uid, log);
  }

  private void removeUserLog(String channelKey, long uid) throws Exception {
    users.remove(uid);
    cache.remove(channelKey, uid);
  }

  private ChannelLog logOf(String channelKey, ChannelMeta current) throws Exception {
    Map<Long, UserLog> all = cache.users(channelKey);
    if (all == null) {
      all = new HashMap<>();
      for (Map.Entry<Long, UserLog> entry : users.entries()) {
        all.put(entry.getKey(), entry.getValue());
      }
      cache.cache(channelKey, all);
    }
    TreeMap<Long, List<UserEvent>> byUser = new TreeMap<>();
    all.forEach((uid, log) -> byUser.put(uid, log.asList()));
    return new ChannelLog(
        sorted(current.creates()), sorted(current.destroys()), byUser, sorted(current.cuts()));
  }

  private static TreeSet<Long> sorted(long[] values) {
    TreeSet<Long> set = new TreeSet<>();
    for (long value : values) {
      set.add(value);
    }
    return set;
  }
}
