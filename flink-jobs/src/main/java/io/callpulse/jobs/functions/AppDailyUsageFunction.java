package io.callpulse.jobs.functions;

import io.callpulse.jobs.records.DailyUsageInput;
import io.callpulse.jobs.records.OutboundNotification;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Announces {@code usage.daily.final} once per app and day, when the day's usage can no longer
 * change; keyed by appId. Its input ({@link #INPUT}) is the channel operator's daily rows (when a
 * row key appears or vanishes, and all of an epoch's rows once more when it becomes final, see
 * {@link RowPublisher}) and epoch-final marks on ONE stream: rows and marks on separate side
 * outputs would travel on separate network channels, and a mark could overtake the last rows of its
 * epoch.
 *
 * <p>Day D is final when (a) event time has passed the end of D + {@code inactivityGapSeconds} +
 * {@code graceSeconds}: by then every epoch with an event in D has emitted its rows for D (the
 * channel operator flushes at the latest at an event's ts + grace, before it forwards that
 * watermark), and every epoch whose activity ended in D is closed; and (b) every epoch with rows on
 * D is final (closed, and the channel operator's event- and processing-time grace are over), so its
 * rows never change again. Then the figures are the sums over the latest version of D's rows, D's
 * rows leave the state, and D is remembered for {@code tombstoneTtl}: later rows for D change
 * nothing and are counted ({@code late_daily_contribution}). What this cannot see: an event of D
 * that arrives after (a) and (b) (the channel operator applies late events when its tombstone does
 * not cover them), or a leave without join later than the gap whose duration reaches back into D;
 * see flink-jobs/README.md.
 */
public class AppDailyUsageFunction
    extends KeyedProcessFunction<String, DailyUsageInput, OutboundNotification> {
  private static final long serialVersionUID = 1L;

  /** Side output of the channel operator that feeds this one. */
  public static final OutputTag<DailyUsageInput> INPUT =
      new OutputTag<>("app-daily-usage-input", TypeInformation.of(DailyUsageInput.class));

  private final long inactivityGapSeconds;
  private final long graceSeconds;
  private final String zoneId;
  private final Duration tombstoneTtl;

  /** channel|rowKey -> the latest version of a row of a day not yet announced. */
  private transient MapState<String, DailyUsageInput> rows;

  /** channel|epochId -> its days with rows, and whether it is final. */
  private transient MapState<String, EpochDays> epochs;

  private transient MapState<Integer, DayProgress> days;

  /** Announced days (state TTL {@code tombstoneTtl}). */
  private transient MapState<Integer, Boolean> announced;

  private transient Counter lateContributions;

  public AppDailyUsageFunction(
      long inactivityGapSeconds, long graceSeconds, ZoneId zone, Duration tombstoneTtl) {
    this.inactivityGapSeconds = inactivityGapSeconds;
    this.graceSeconds = graceSeconds;
    this.zoneId = zone.getId();
    this.tombstoneTtl = tombstoneTtl;
  }

  @Override
  public void open(Configuration parameters) {
    rows =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "rows", Types.STRING, TypeInformation.of(DailyUsageInput.class)));
    epochs =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "epochs", Types.STRING, TypeInformation.of(EpochDays.class)));
    days =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>("days", Types.INT, TypeInformation.of(DayProgress.class)));
    MapStateDescriptor<Integer, Boolean> tombstones =
        new MapStateDescriptor<>("announced", Types.INT, Types.BOOLEAN);
    tombstones.enableTimeToLive(ExpiringState.afterLastWrite(tombstoneTtl));
    announced = getRuntimeContext().getMapState(tombstones);
    lateContributions = getRuntimeContext().getMetricGroup().counter("late_daily_contribution");
  }

  @VisibleForTesting
  public long lateContributions() {
    return lateContributions.getCount();
  }

  @Override
  public void processElement(DailyUsageInput in, Context ctx, Collector<OutboundNotification> out)
      throws Exception {
    if (in.isMark()) {
      markFinal(in.epochKey(), ctx, out);
      return;
    }
    if (announced.contains(in.day())) {
      if (in.finalVersion()) { // a late row comes twice (new, final): count it once
        lateContributions.inc();
      }
      return;
    }
    DailyUsageInput previous = rows.get(in.appRowKey());
    if (previous != null && previous.version() >= in.version()) {
      return; // superseded (a channel's rows arrive in version order; this is only a guard)
    }
    if (in.isDeleted()) {
      if (previous != null) {
        rows.remove(in.appRowKey());
        removeRow(in, ctx, out);
      }
    } else {
      rows.put(in.appRowKey(), in);
      if (previous == null) {
        addRow(in, ctx);
      }
    }
  }

  private void addRow(DailyUsageInput row, Context ctx) throws Exception {
    EpochDays epoch = epochs.get(row.epochKey());
    epoch = epoch == null ? EpochDays.empty() : epoch;
    boolean newOpenEpoch = !epoch.isFinal() && !epoch.touches(row.day());
    epochs.put(row.epochKey(), epoch.plusRow(row.day()));
    DayProgress day = days.get(row.day());
    if (day == null) {
      day = new DayProgress(0, 0);
      ctx.timerService().registerEventTimeTimer(finalAtMs(row.day()));
    }
    days.put(row.day(), day.plus(1, newOpenEpoch ? 1 : 0));
  }

  private void removeRow(DailyUsageInput row, Context ctx, Collector<OutboundNotification> out)
      throws Exception {
    EpochDays epoch = epochs.get(row.epochKey()).minusRow(row.day());
    boolean openEpochGone = !epoch.isFinal() && !epoch.touches(row.day());
    if (epoch.isEmpty()) {
      epochs.remove(row.epochKey());
    } else {
      epochs.put(row.epochKey(), epoch);
    }
    DayProgress day = days.get(row.day()).plus(-1, openEpochGone ? -1 : 0);
    if (day.rows() == 0) {
      days.remove(row.day());
      ctx.timerService().deleteEventTimeTimer(finalAtMs(row.day()));
    } else {
      days.put(row.day(), day);
      announceIfFinal(row.day(), ctx, out);
    }
  }

  private void markFinal(String epochKey, Context ctx, Collector<OutboundNotification> out)
      throws Exception {
    EpochDays epoch = epochs.get(epochKey);
    if (epoch == null || epoch.isFinal()) {
      return; // no rows on a day still open: nothing waits for it
    }
    epochs.put(epochKey, epoch.asFinal());
    for (int day : epoch.days()) {
      days.put(day, days.get(day).plus(0, -1));
      announceIfFinal(day, ctx, out);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<OutboundNotification> out)
      throws Exception {
    List<Integer> open = new ArrayList<>();
    days.keys().forEach(open::add);
    for (int day : open) {
      announceIfFinal(day, ctx, out);
    }
  }

  /** Event time of the day's end + gap + grace, in ms. */
  private long finalAtMs(int day) {
    return (endOf(day) + inactivityGapSeconds + graceSeconds) * 1000;
  }

  private long endOf(int day) {
    return LocalDate.ofEpochDay(day + 1L).atStartOfDay(ZoneId.of(zoneId)).toEpochSecond();
  }

  private void announceIfFinal(int day, Context ctx, Collector<OutboundNotification> out)
      throws Exception {
    DayProgress progress = days.get(day);
    if (progress == null
        || progress.openEpochs() > 0
        || ctx.timerService().currentWatermark() < finalAtMs(day)) {
      return;
    }
    DailyUsageFigures figures = new DailyUsageFigures(LocalDate.ofEpochDay(day));
    List<String> dayRows = new ArrayList<>();
    Set<String> dayEpochs = new HashSet<>();
    for (DailyUsageInput row : rows.values()) {
      if (row.day() == day) {
        figures.add(row);
        dayRows.add(row.appRowKey());
        dayEpochs.add(row.epochKey());
      }
    }
    for (String rowKey : dayRows) {
      rows.remove(rowKey);
    }
    for (String epochKey : dayEpochs) {
      EpochDays epoch = epochs.get(epochKey).withoutDay(day);
      if (epoch.isEmpty()) {
        epochs.remove(epochKey);
      } else {
        epochs.put(epochKey, epoch);
      }
    }
    days.remove(day);
    announced.put(day, true);
    out.collect(figures.notification(ctx.getCurrentKey(), endOf(day)));
  }
}
