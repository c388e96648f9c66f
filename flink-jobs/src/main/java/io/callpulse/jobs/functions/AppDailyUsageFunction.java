package io.callpulse.jobs.functions;

import io.callpulse.jobs.records.DailyUsageInput;
import io.callpulse.jobs.records.OutboundNotification;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * rows never change again. Then the figures are the sums over the final rows of D's epochs, D
 * leaves the state, and D is remembered for {@code tombstoneTtl}: later rows for D change nothing
 * and are counted ({@code late_daily_contribution}).
 *
 * <p>State is per day and per epoch, not per row: the rows that appear or vanish only count how
 * many row keys an epoch has on a day (whether it still touches it); the final rows add to the
 * day's seconds and to its sets of users and channels with usage. One key per app makes this
 * operator one thread per tenant, so a state access per row version was what capped a big tenant.
 * What this cannot see: an event of D that arrives after (a) and (b) (the channel operator applies
 * late events when its tombstone does not cover them), or a leave without join later than the gap
 * whose duration reaches back into D; see flink-jobs/README.md.
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

  /** channel|epochId -> its days with rows (how many row keys each), and whether it is final. */
  private transient MapState<String, EpochDays> epochs;

  private transient MapState<Integer, DayProgress> days;

  /** Per open day: seconds summed over the final channel rows received. */
  private transient MapState<Integer, DayTotals> totals;

  /** "day|uid" of users with usage on an open day (from final user rows). */
  private transient MapState<String, Boolean> dayUsers;

  /** "day|channel" of channels with usage on an open day (from final channel rows). */
  private transient MapState<String, Boolean> dayChannels;

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
    epochs =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "epochs", Types.STRING, TypeInformation.of(EpochDays.class)));
    days =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>("days", Types.INT, TypeInformation.of(DayProgress.class)));
    totals =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>("totals", Types.INT, TypeInformation.of(DayTotals.class)));
    dayUsers =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("dayUsers", Types.STRING, Types.BOOLEAN));
    dayChannels =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("dayChannels", Types.STRING, Types.BOOLEAN));
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
    if (in.finalVersion()) {
      addFinal(in);
    } else if (in.isDeleted()) {
      removeRow(in, ctx, out);
    } else {
      addRow(in, ctx);
    }
  }

  /** A row of an epoch that is about to be marked final: its figures count for its day. */
  private void addFinal(DailyUsageInput row) throws Exception {
    if (row.isDeleted() || row.seconds() <= 0) {
      return;
    }
    if (DailyUsageInput.USER_ROW.equals(row.kind())) {
      dayUsers.put(row.day() + "|" + row.uid(), true);
      return;
    }
    DayTotals day = totals.get(row.day());
    totals.put(row.day(), (day == null ? DayTotals.NONE : day).plus(row.role(), row.seconds()));
    dayChannels.put(row.day() + "|" + row.channelName(), true);
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
    EpochDays known = epochs.get(row.epochKey());
    if (known == null || !known.touches(row.day())) {
      return; // a row this operator never counted (its day was announced meanwhile)
    }
    EpochDays epoch = known.minusRow(row.day());
    boolean openEpochGone = !epoch.isFinal() && !epoch.touches(row.day());
    if (epoch.isEmpty()) {
      epochs.remove(row.epochKey());
    } else {
      epochs.put(row.epochKey(), epoch);
    }
    DayProgress day = days.get(row.day());
    if (day == null) {
      return;
    }
    day = day.plus(-1, openEpochGone ? -1 : 0);
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
    String prefix = day + "|";
    int users = removeDay(dayUsers, prefix);
    int channels = removeDay(dayChannels, prefix);
    DayTotals dayTotals = totals.get(day);
    totals.remove(day);
    DailyUsageFigures figures =
        new DailyUsageFigures(
            LocalDate.ofEpochDay(day),
            dayTotals == null ? DayTotals.NONE : dayTotals,
            users,
            channels);
    List<String> touching = new ArrayList<>();
    for (Map.Entry<String, EpochDays> epoch : epochs.entries()) {
      if (epoch.getValue().touches(day)) {
        touching.add(epoch.getKey());
      }
    }
    for (String epochKey : touching) {
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

  /** Removes a day's entries ("day|...") from the map; returns how many there were. */
  private static int removeDay(MapState<String, Boolean> perDay, String prefix) throws Exception {
    List<String> keys = new ArrayList<>();
    for (String key : perDay.keys()) {
      if (key.startsWith(prefix)) {
        keys.add(key);
      }
    }
    for (String key : keys) {
      perDay.remove(key);
    }
    return keys.size();
  }
}
