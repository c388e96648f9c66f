package io.callpulse.jobs.functions;

import io.callpulse.jobs.analytics.ChannelComputation;
import io.callpulse.jobs.analytics.ChannelEpoch;
import io.callpulse.jobs.analytics.ChannelLog;
import io.callpulse.jobs.analytics.EpochResult;
import io.callpulse.jobs.analytics.UserEvent;
import io.callpulse.jobs.records.ChannelEpochRow;
import io.callpulse.jobs.records.ConcurrencyMinuteRow;
import io.callpulse.jobs.records.ConcurrencyStepRow;
import io.callpulse.jobs.records.DailyChannelUsageRow;
import io.callpulse.jobs.records.DailyUsageInput;
import io.callpulse.jobs.records.DailyUserUsageRow;
import io.callpulse.jobs.records.EventOutcomeRow;
import io.callpulse.jobs.records.IngestedEvent;
import io.callpulse.jobs.records.OutboundNotification;
import io.callpulse.jobs.records.RawEventRow;
import io.callpulse.jobs.records.RowKeys;
import io.callpulse.jobs.records.UserSessionRow;
import io.callpulse.jobs.records.VersionedRow;
import io.callpulse.model.NcsEvent;
import io.callpulse.model.RtcEventType;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *       flushIntervalMs}; only rows whose content changed are emitted, rows that disappeared are
 *       emitted with is_deleted=1. Versions are processing-time microseconds, strictly increasing
 *       per channel.
 *   <li>An epoch ends at its 102 or after {@code inactivityGapSeconds} of event time without
 *       activity. It is final once the watermark is {@code graceSeconds} past that end AND {@code
 *       graceSeconds} of processing time have passed since: then its events leave the state. The
 *       processing-time half is what keeps a replay or backfill exact: there event time races ahead
 *       of the wall clock, and an event-time grace alone would drop events reordered by a few
 *       seconds of delivery as late (agora-ncs.md §4 rule 11: replays are legitimate).
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

  private final long inactivityGapSeconds;
  private final long graceSeconds;
  private final long flushIntervalMs;
  private final String zoneId;
  private final Duration tombstoneTtl;

  private transient MapState<Long, UserLog> users;
  private transient ValueState<ChannelMeta> meta;
  private transient MapState<String, Long> emitted;

  /** Epoch id -> processing time (ms) at which it was first seen final in event time. */
  private transient MapState<String, Long> finalInEventTime;

  /** End (ts) of the latest epoch that left the state; survives the channel's other state. */
  private transient ValueState<Long> closedThrough;

  private transient Map<String, Counter> outcomeCounters;

  public ChannelAnalyticsFunction(
      long inactivityGapSeconds,
      long graceSeconds,
      long flushIntervalMs,
      ZoneId zone,
      Duration tombstoneTtl) {
    this.inactivityGapSeconds = inactivityGapSeconds;
    this.graceSeconds = graceSeconds;
    this.flushIntervalMs = flushIntervalMs;
    this.zoneId = zone.getId();
    this.tombstoneTtl = tombstoneTtl;
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
    emitted =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("emitted", Types.STRING, Types.LONG));
    finalInEventTime =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("finalInEventTime", Types.STRING, Types.LONG));
    ValueStateDescriptor<Long> tombstone = new ValueStateDescriptor<>("closedThrough", Types.LONG);
    tombstone.enableTimeToLive(ExpiringState.afterLastWrite(tombstoneTtl));
    closedThrough = getRuntimeContext().getState(tombstone);
    outcomeCounters = new HashMap<>();
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
    String outcome = apply(event);
    count(outcome);
    int duplicate =
        EventOutcomeRow.DUPLICATE_SEMANTIC.equals(outcome)
            ? RawEventRow.SAME_SEMANTIC_KEY
            : RawEventRow.FIRST_COPY;
    ctx.output(AnalyticsOutputs.RAW, RawEventRow.of(event, duplicate, in.body()));
    ctx.output(
        AnalyticsOutputs.OUTCOMES,
        new EventOutcomeRow(
            event.appId(), event.channelName(), event.ingestId(), event.ts(), outcome));
    if (EventOutcomeRow.APPLIED.equals(outcome)
        || EventOutcomeRow.ROLE_WITHOUT_SESSION.equals(outcome)) {
      // Event time must also reach this channel: with no processing-time flush before the end of
      // a (finite or replayed) input, this timer is what emits and closes it.
      ChannelMeta current = meta.value();
      long checkMs = (event.ts() + graceSeconds) * 1000;
      if (current.eventTimerMs() == Long.MIN_VALUE || checkMs < current.eventTimerMs()) {
        if (current.eventTimerMs() != Long.MIN_VALUE) {
          ctx.timerService().deleteEventTimeTimer(current.eventTimerMs());
        }
        ctx.timerService().registerEventTimeTimer(checkMs);
        meta.update(current.withEventTimer(checkMs));
      }
      long now = ctx.timerService().currentProcessingTime();
      // One timestamp per interval: Flink keeps one timer per key and time, so this coalesces.
      ctx.timerService().registerProcessingTimeTimer((now / flushIntervalMs + 1) * flushIntervalMs);
    }
  }

  /** Adds the event to the state unless it is a duplicate, stale or late; returns the outcome. */
  private String apply(NcsEvent event) throws Exception {
    // Late: not after an epoch this channel already dropped (the epoch it belonged to is gone).
    Long tombstone = closedThrough.value();
    if (tombstone != null && event.ts() <= tombstone) {
      return EventOutcomeRow.LATE_AFTER_CLOSE;
    }
    ChannelMeta current = meta.value();
    if (current == null) {
      current = ChannelMeta.empty();
    }
    RtcEventType type = event.rtcType().orElseThrow();
    if (type == RtcEventType.CHANNEL_CREATED || type == RtcEventType.CHANNEL_DESTROYED) {
      boolean create = type == RtcEventType.CHANNEL_CREATED;
      long[] known = create ? current.creates() : current.destroys();
      if (ChannelMeta.contains(known, event.ts())) {
        return EventOutcomeRow.DUPLICATE_SEMANTIC;
      }
      long[] next = ChannelMeta.plus(known, event.ts());
      meta.update(create ? current.withCreates(next) : current.withDestroys(next));
      return EventOutcomeRow.APPLIED;
    }
    UserLog log = users.get(event.uid());
    if (log == null) {
      log = UserLog.empty();
    }
    int typeAtSeq = log.typeAt(event.clientSeq());
    if (typeAtSeq == event.eventType()) {
      return EventOutcomeRow.DUPLICATE_SEMANTIC;
    }
    if (typeAtSeq != 0) {
      return EventOutcomeRow.STALE_CLIENT_SEQ;
    }
    users.put(event.uid(), log.with(UserEvent.of(event)));
    meta.update(current);
    if (type.isRoleChange()
        && !log.looksInSession(event.clientSeq(), event.ts(), current.destroys())) {
      return EventOutcomeRow.ROLE_WITHOUT_SESSION;
    }
    return EventOutcomeRow.APPLIED;
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
    }
    flush(current, ctx, out);
  }

  private void flush(ChannelMeta current, OnTimerContext ctx, Collector<ChannelEpochRow> out)
      throws Exception {
    long watermarkMs = ctx.timerService().currentWatermark();
    long watermarkSeconds = Math.floorDiv(watermarkMs, 1000);
    String[] key = ctx.getCurrentKey().split("/", 2);
    String appId = key[0];
    String channel = key.length > 1 ? key[1] : "";
    List<EpochResult> results =
        ChannelComputation.compute(
            logOf(current), inactivityGapSeconds, watermarkSeconds, ZoneId.of(zoneId));

    Map<String, VersionedRow> rows = new LinkedHashMap<>();
    Map<String, List<VersionedRow>> rowsByEpoch = new HashMap<>();
    for (EpochResult result : results) {
      List<VersionedRow> epochRows = EpochRows.of(appId, channel, result);
      rowsByEpoch.put(result.epoch().epochId(), epochRows);
      for (VersionedRow row : epochRows) {
        rows.put(row.rowKey(), row);
      }
    }
    long version =
        Math.max(ctx.timerService().currentProcessingTime() * 1000, current.lastVersion() + 1);
    boolean emittedAny = false;
    for (VersionedRow row : rows.values()) {
      long hash = RowKeys.contentHash(row);
      Long previous = emitted.get(row.rowKey());
      if (previous == null || previous != hash) {
        emit(row.withVersion(version), ctx, out);
        emitted.put(row.rowKey(), hash);
        emittedAny = true;
      }
    }
    List<String> vanished = new ArrayList<>();
    for (String rowKey : emitted.keys()) {
      if (!rows.containsKey(rowKey)) {
        vanished.add(rowKey);
      }
    }
    for (String rowKey : vanished) {
      emit(RowKeys.deletion(appId, channel, rowKey, version), ctx, out);
      emitted.remove(rowKey);
      emittedAny = true;
    }
    if (emittedAny) {
      current = current.withLastVersion(version);
    }
    for (String epochId : finalizeClosedEpochs(current, results, watermarkSeconds, ctx)) {
      // After the epoch's last rows, on the same stream: the app's daily operator relies on it.
      ctx.output(AppDailyUsageFunction.INPUT, DailyUsageInput.epochFinal(appId, channel, epochId));
      for (OutboundNotification notification :
          FinalEpochNotifications.of(rowsByEpoch.get(epochId))) {
        ctx.output(AnalyticsOutputs.NOTIFICATIONS, notification);
      }
    }
  }

  /**
   * Drops the epochs that are final in event time and have been for {@code graceSeconds} of
   * processing time; re-arms the timers for the others. Returns the ids of the dropped epochs.
   */
  private Set<String> finalizeClosedEpochs(
      ChannelMeta current, List<EpochResult> results, long watermarkSeconds, OnTimerContext ctx)
      throws Exception {
    long now = ctx.timerService().currentProcessingTime();
    long nextEventTimerSeconds = Long.MAX_VALUE;
    long nextProcessingTimerMs = Long.MAX_VALUE;
    Set<String> finalized = new HashSet<>();
    Set<String> pending = new HashSet<>();
    Map<Long, List<UserEvent>> removedEvents = new HashMap<>();
    List<Long> removedChannelEvents = new ArrayList<>();
    Long tombstone = closedThrough.value();
    long finalizedThrough = tombstone == null ? Long.MIN_VALUE : tombstone;
    for (EpochResult result : results) {
      ChannelEpoch epoch = result.epoch();
      long closesAt =
          epoch.destroyTs() != null
              ? epoch.destroyTs()
              : epoch.lastActivity() + inactivityGapSeconds;
      long finalAt = closesAt + graceSeconds;
      if (!result.closed() || finalAt > watermarkSeconds) {
        nextEventTimerSeconds =
            Math.min(nextEventTimerSeconds, result.closed() ? finalAt : closesAt);
        continue;
      }
      Long since = finalInEventTime.get(epoch.epochId());
      if (since == null) {
        since = now;
        finalInEventTime.put(epoch.epochId(), now);
      }
      if (now < since + graceSeconds * 1000) {
        pending.add(epoch.epochId());
        nextProcessingTimerMs = Math.min(nextProcessingTimerMs, since + graceSeconds * 1000);
        continue;
      }
      finalized.add(epoch.epochId());
      epoch
          .events()
          .forEach(
              (uid, evs) -> removedEvents.computeIfAbsent(uid, k -> new ArrayList<>()).addAll(evs));
      if (epoch.createTs() != null) {
        removedChannelEvents.add(epoch.createTs());
      }
      removedChannelEvents.addAll(epoch.destroysUsed());
      finalizedThrough = Math.max(finalizedThrough, epoch.end());
    }
    // An epoch that got a later event (no longer closed) or a new id (its 101 arrived) waits anew.
    List<String> forgotten = new ArrayList<>();
    for (String epochId : finalInEventTime.keys()) {
      if (!pending.contains(epochId)) {
        forgotten.add(epochId);
      }
    }
    for (String epochId : forgotten) {
      finalInEventTime.remove(epochId);
    }
    if (!finalized.isEmpty()) {
      for (Map.Entry<Long, List<UserEvent>> entry : removedEvents.entrySet()) {
        UserLog log = users.get(entry.getKey()).without(entry.getValue());
        if (log.events().length == 0) {
          users.remove(entry.getKey());
        } else {
          users.put(entry.getKey(), log);
        }
      }
      List<String> stale = new ArrayList<>();
      for (String rowKey : emitted.keys()) {
        if (finalized.contains(RowKeys.epochOf(rowKey))) {
          stale.add(rowKey);
        }
      }
      for (String rowKey : stale) {
        emitted.remove(rowKey);
      }
      final long through = finalizedThrough;
      long[] cuts = current.cuts();
      for (EpochResult result : results) {
        if (finalized.contains(result.epoch().epochId()) && result.epoch().createTs() != null) {
          cuts = ChannelMeta.plus(cuts, result.epoch().createTs());
        }
      }
      current =
          current
              .withCuts(pruneCuts(cuts, results, finalized))
              .withCreates(ChannelMeta.minus(current.creates(), removedChannelEvents))
              .withDestroys(
                  java.util.Arrays.stream(
                          ChannelMeta.minus(current.destroys(), removedChannelEvents))
                      .filter(ts -> ts > through)
                      .toArray());
      closedThrough.update(finalizedThrough);
    }
    if (current.eventTimerMs() != Long.MIN_VALUE) {
      ctx.timerService().deleteEventTimeTimer(current.eventTimerMs());
      current = current.withEventTimer(Long.MIN_VALUE);
    }
    if (nextEventTimerSeconds == Long.MAX_VALUE && nextProcessingTimerMs == Long.MAX_VALUE) {
      // Nothing live: the channel leaves nothing behind but its tombstone.
      users.clear();
      emitted.clear();
      meta.clear();
      return finalized;
    }
    if (nextProcessingTimerMs != Long.MAX_VALUE) {
      ctx.timerService().registerProcessingTimeTimer(nextProcessingTimerMs);
    }
    if (nextEventTimerSeconds != Long.MAX_VALUE) {
      long timerMs = nextEventTimerSeconds * 1000;
      ctx.timerService().registerEventTimeTimer(timerMs);
      current = current.withEventTimer(timerMs);
    }
    meta.update(current);
    return finalized;
  }

  private static long earliestLive(List<EpochResult> results, Set<String> finalized) {
    long earliest = Long.MAX_VALUE;
    for (EpochResult result : results) {
      if (!finalized.contains(result.epoch().epochId())) {
        earliest = Math.min(earliest, result.epoch().firstActivity());
      }
    }
    return earliest;
  }

  /** Cuts before every live epoch separate nothing any more. */
  private static long[] pruneCuts(long[] cuts, List<EpochResult> results, Set<String> finalized) {
    long keepFrom = earliestLive(results, finalized);
    return java.util.Arrays.stream(cuts).filter(ts -> ts >= keepFrom).toArray();
  }

  private ChannelLog logOf(ChannelMeta current) throws Exception {
    List<Long> creates = new ArrayList<>();
    for (long ts : current.creates()) {
      creates.add(ts);
    }
    List<Long> destroys = new ArrayList<>();
    for (long ts : current.destroys()) {
      destroys.add(ts);
    }
    Map<Long, List<UserEvent>> byUser = new HashMap<>();
    for (Map.Entry<Long, UserLog> entry : users.entries()) {
      byUser.put(entry.getKey(), entry.getValue().asList());
    }
    List<Long> cuts = new ArrayList<>();
    for (long ts : current.cuts()) {
      cuts.add(ts);
    }
    return ChannelLog.of(creates, destroys, byUser).withCuts(cuts);
  }

  private static void emit(VersionedRow row, OnTimerContext ctx, Collector<ChannelEpochRow> out) {
    if (row instanceof ChannelEpochRow epoch) {
      out.collect(epoch);
    } else if (row instanceof UserSessionRow session) {
      ctx.output(AnalyticsOutputs.SESSIONS, session);
    } else if (row instanceof ConcurrencyStepRow step) {
      ctx.output(AnalyticsOutputs.CONCURRENCY, step);
    } else if (row instanceof ConcurrencyMinuteRow minute) {
      ctx.output(AnalyticsOutputs.CONCURRENCY_MINUTE, minute);
    } else if (row instanceof DailyChannelUsageRow usage) {
      ctx.output(AnalyticsOutputs.DAILY_CHANNEL, usage);
      ctx.output(AppDailyUsageFunction.INPUT, DailyUsageInput.of(usage));
    } else if (row instanceof DailyUserUsageRow usage) {
      ctx.output(AnalyticsOutputs.DAILY_USER, usage);
      ctx.output(AppDailyUsageFunction.INPUT, DailyUsageInput.of(usage));
    }
  }
}
