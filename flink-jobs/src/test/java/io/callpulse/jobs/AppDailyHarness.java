package io.callpulse.jobs;

import io.callpulse.jobs.functions.AppDailyUsageFunction;
import io.callpulse.jobs.records.DailyUsageInput;
import io.callpulse.jobs.records.OutboundNotification;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The per-app daily operator in a test harness, fed by hand or from a {@link ChannelHarness} in the
 * order the channel operator emits (its rows before the watermarks it forwards).
 */
final class AppDailyHarness implements AutoCloseable {
  private final AppDailyUsageFunction function;
  private final KeyedOneInputStreamOperatorTestHarness<
          String, DailyUsageInput, OutboundNotification>
      harness;
  private int forwarded = 0;

  AppDailyHarness() throws Exception {
    this(null);
  }

  /** A harness restored from a snapshot of another one, as after a failure and restart. */
  static AppDailyHarness restoredFrom(OperatorSubtaskState snapshot) throws Exception {
    return new AppDailyHarness(snapshot);
  }

  private AppDailyHarness(OperatorSubtaskState restore) throws Exception {
    function =
        new AppDailyUsageFunction(
            ChannelHarness.GAP,
            ChannelHarness.GRACE,
            ZoneOffset.UTC,
            Duration.ofHours(ChannelHarness.TOMBSTONE_TTL_H));
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(function), DailyUsageInput::appId, Types.STRING);
    harness.getExecutionConfig().disableGenericTypes();
    if (restore != null) {
      harness.initializeState(restore);
    }
    harness.open();
  }

  AppDailyHarness send(DailyUsageInput... inputs) throws Exception {
    for (DailyUsageInput in : inputs) {
      harness.processElement(new StreamRecord<>(in));
    }
    return this;
  }

  /** Forwards what the channel operator emitted since the last call. */
  AppDailyHarness pump(ChannelHarness channel) throws Exception {
    List<DailyUsageInput> emitted = channel.side(AppDailyUsageFunction.INPUT);
    send(emitted.subList(forwarded, emitted.size()).toArray(DailyUsageInput[]::new));
    forwarded = emitted.size();
    return this;
  }

  AppDailyHarness watermark(long seconds) throws Exception {
    harness.processWatermark(seconds * 1000);
    return this;
  }

  OperatorSubtaskState snapshot() throws Exception {
    return harness.snapshot(1L, 0L);
  }

  List<OutboundNotification> notifications() {
    return harness.extractOutputValues();
  }

  long lateContributions() {
    return function.lateContributions();
  }

  int stateEntries() {
    return harness.numKeyedStateEntries();
  }

  int timers() {
    return harness.numEventTimeTimers() + harness.numProcessingTimeTimers();
  }

  @Override
  public void close() throws Exception {
    harness.close();
  }
}
