package io.callpulse.jobs;

import io.callpulse.jobs.functions.AnalyticsOutputs;
import io.callpulse.jobs.functions.ChannelAnalyticsFunction;
import io.callpulse.jobs.records.ChannelEpochRow;
import io.callpulse.jobs.records.ConcurrencyMinuteRow;
import io.callpulse.jobs.records.ConcurrencyStepRow;
import io.callpulse.jobs.records.DailyChannelUsageRow;
import io.callpulse.jobs.records.DailyUserUsageRow;
import io.callpulse.jobs.records.IngestedEvent;
import io.callpulse.jobs.records.RawEventRow;
import io.callpulse.jobs.records.UserSessionRow;
import io.callpulse.jobs.records.VersionedRow;
import io.callpulse.model.NcsEvent;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * The channel operator in a test harness, with the table view a reader of ClickHouse would get: per
 * row key the row with the highest version, deleted rows removed (ReplacingMergeTree FINAL).
 */
public final class ChannelHarness implements AutoCloseable {
  public static final long GAP = 2 * 3600;
  public static final long GRACE = 60;
  public static final long TOMBSTONE_TTL_H = 24;

  public final KeyedOneInputStreamOperatorTestHarness<String, IngestedEvent, ChannelEpochRow>
      harness;
  private long processingTime = 0;
  private final Map<String, Long> lastVersions = new LinkedHashMap<>();

  public ChannelHarness() throws Exception {
    this(GAP, GRACE);
  }

  /**
   * Flushes are spaced as the job's defaults space them: every second ({@link #flush()}), a big
   * channel's up to {@code --max-flush-ms} apart.
   */
  private static final JobOptions FLUSHES = JobOptions.defaults();

  public ChannelHarness(long gap, long grace) throws Exception {
    this(gap, grace, null, ChannelAnalyticsFunction.DEFAULT_CACHED_EVENTS);
  }

  /** The operator with a heap cache of {@code cachedEvents} user events (0: none). */
  public static ChannelHarness withCachedEvents(long cachedEvents) throws Exception {
    return new ChannelHarness(GAP, GRACE, null, cachedEvents);
  }

  /** A harness restored from a snapshot of another one, as after a failure and restart. */
  public static ChannelHarness restoredFrom(OperatorSubtaskState snapshot) throws Exception {
    return new ChannelHarness(GAP, GRACE, snapshot, ChannelAnalyticsFunction.DEFAULT_CACHED_EVENTS);
  }

  public OperatorSubtaskState snapshot() throws Exception {
    return harness.snapshot(1L, processingTime);
  }

  private ChannelHarness(long gap, long grace, OperatorSubtaskState restore, long cachedEvents)
      throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new ChannelAnalyticsFunction(
                    gap,
                    grace,
                    FLUSHES.flushIntervalMs(),
                    FLUSHES.maxFlushIntervalMs(),
                    ZoneOffset.UTC,
                    Duration.ofHours(TOMBSTONE_TTL_H),
                    cachedEvents)),
            in -> in.event().appId() + "/" + in.event().channelName(),
            Types.STRING);
    // Proves every state and record type is serialized without Kryo.
    harness.getExecutionConfig().disableGenericTypes();
    harness.setProcessingTime(processingTime);
    if (restore != null) {
      harness.initializeState(restore);
    }
    harness.open();
  }

  public ChannelHarness send(NcsEvent... events) throws Exception {
    for (NcsEvent event : events) {
      harness.processElement(new StreamRecord<>(new IngestedEvent(event, "{}"), event.ts() * 1000));
    }
    return this;
  }

  public ChannelHarness send(Collection<NcsEvent> events) throws Exception {
    return send(events.toArray(NcsEvent[]::new));
  }

  public long processingTimeMs() {
    return processingTime;
  }

  /** Lets the coalescing timer fire, as a second of processing time passing does. */
  public ChannelHarness flush() throws Exception {
    return advance(FLUSHES.flushIntervalMs());
  }

  /** The processing-time grace passes: epochs final in event time leave the state. */
  public ChannelHarness afterGrace() throws Exception {
    return advance(GRACE * 1000).flush();
  }

  /** A day of processing time passes: the channel tombstones' TTL expires. */
  public ChannelHarness afterTombstoneTtl() throws Exception {
    return advance(TOMBSTONE_TTL_H * 3600 * 1000).flush();
  }

  private ChannelHarness advance(long millis) throws Exception {
    processingTime += millis;
    harness.setStateTtlProcessingTime(processingTime);
    harness.setProcessingTime(processingTime);
    return this;
  }

  /**
   * Event time reaches {@code seconds} and no processing time passes, as in a replay where event
   * time races ahead of the wall clock.
   */
  public ChannelHarness eventTime(long seconds) throws Exception {
    harness.processWatermark(seconds * 1000);
    return this;
  }

  /** Event time reaches {@code seconds} (then a flush). */
  public ChannelHarness watermark(long seconds) throws Exception {
    harness.processWatermark(seconds * 1000);
    return flush();
  }

  public int stateEntries() {
    return harness.numKeyedStateEntries();
  }

  public int timers() {
    return harness.numEventTimeTimers() + harness.numProcessingTimeTimers();
  }

  public List<ChannelEpochRow> epochRowsEmitted() {
    return harness.extractOutputValues();
  }

  public List<ChannelEpochRow> epochs() {
    return table(epochRowsEmitted(), ChannelEpochRow::isDeleted);
  }

  public ChannelEpochRow onlyEpoch() {
    List<ChannelEpochRow> epochs = epochs();
    if (epochs.size() != 1) {
      throw new AssertionError("expected one epoch, got " + epochs);
    }
    return epochs.get(0);
  }

  public List<UserSessionRow> sessions() {
    return table(side(AnalyticsOutputs.SESSIONS), UserSessionRow::isDeleted);
  }

  public List<ConcurrencyStepRow> steps() {
    return table(side(AnalyticsOutputs.CONCURRENCY), ConcurrencyStepRow::isDeleted);
  }

  public List<ConcurrencyMinuteRow> minutes() {
    return table(side(AnalyticsOutputs.CONCURRENCY_MINUTE), ConcurrencyMinuteRow::isDeleted);
  }

  public List<DailyChannelUsageRow> dailyChannel() {
    return table(side(AnalyticsOutputs.DAILY_CHANNEL), DailyChannelUsageRow::isDeleted);
  }

  public List<DailyUserUsageRow> dailyUser() {
    return table(side(AnalyticsOutputs.DAILY_USER), DailyUserUsageRow::isDeleted);
  }

  /** The outcome of every raw row emitted, in order (what event_outcomes gets from them). */
  public List<String> outcomeNames() {
    return raw().stream().map(RawEventRow::outcome).toList();
  }

  public List<RawEventRow> raw() {
    return side(AnalyticsOutputs.RAW);
  }

  public <T> List<T> side(OutputTag<T> tag) {
    List<T> values = new ArrayList<>();
    var queue = harness.getSideOutput(tag);
    if (queue != null) {
      queue.forEach(r -> values.add(r.getValue()));
    }
    return values;
  }

  /** Latest version per key, deleted ones dropped; also checks versions strictly increase. */
  private <T extends VersionedRow> List<T> table(List<T> rows, Predicate<T> deleted) {
    Map<String, T> latest = new LinkedHashMap<>();
    Map<String, Long> versions = new LinkedHashMap<>();
    for (T row : rows) {
      long version = version(row);
      String key = row.channelName() + "#" + row.rowKey();
      Long previous = versions.get(key);
      if (previous != null && version <= previous) {
        throw new AssertionError("version did not increase for " + row.rowKey());
      }
      versions.put(key, version);
      latest.put(key, row);
    }
    lastVersions.putAll(versions);
    return latest.values().stream().filter(deleted.negate()).toList();
  }

  private static long version(VersionedRow row) {
    // The version is the only field set by withVersion; read it back through the record accessor.
    try {
      return (long) row.getClass().getMethod("version").invoke(row);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    harness.close();
  }
}
