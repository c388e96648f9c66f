package io.callpulse.jobs.functions;

import io.callpulse.jobs.records.ChannelEpochRow;
import io.callpulse.jobs.records.ConcurrencyMinuteRow;
import io.callpulse.jobs.records.ConcurrencyStepRow;
import io.callpulse.jobs.records.DailyChannelUsageRow;
import io.callpulse.jobs.records.DailyUsageInput;
import io.callpulse.jobs.records.DailyUserUsageRow;
import io.callpulse.jobs.records.RowKeys;
import io.callpulse.jobs.records.UserSessionRow;
import io.callpulse.jobs.records.VersionedRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Emits one flush of a channel's rows under one version: a row only when its content differs from
 * what was published for its key, and an {@code is_deleted=1} row for each key that disappeared, so
 * ClickHouse (ReplacingMergeTree by version) ends with exactly the current rows.
 *
 * <p>The app's daily operator ({@link AppDailyUsageFunction}) gets less: a daily row when its key
 * first appears (the epoch now has usage on that day) or disappears, and every daily row of an
 * epoch once more when it becomes final ({@link #finalDailyRows}). Its figures are sums over final
 * rows only, and forwarding every intermediate version made it the job's busiest operator (one key
 * per app, a state read and write per row version).
 */
final class RowPublisher {
  private final String appId;
  private final String channel;
  private final long version;
  private final KeyedProcessFunction<String, ?, ChannelEpochRow>.Context ctx;
  private final Collector<ChannelEpochRow> out;
  private boolean emittedAny;

  RowPublisher(
      String appId,
      String channel,
      long version,
      KeyedProcessFunction<String, ?, ChannelEpochRow>.Context ctx,
      Collector<ChannelEpochRow> out) {
    this.appId = appId;
    this.channel = channel;
    this.version = version;
    this.ctx = ctx;
    this.out = out;
  }

  /** Publishes an epoch's current rows over what {@code before} says was published of it. */
  PublishedRows publish(List<VersionedRow> rows, PublishedRows before) {
    Map<String, VersionedRow> byKey = new LinkedHashMap<>();
    for (VersionedRow row : rows) {
      byKey.put(row.rowKey(), row);
    }
    Map<String, Long> previous = before.asMap();
    String[] keys = new String[byKey.size()];
    long[] hashes = new long[byKey.size()];
    int i = 0;
    for (Map.Entry<String, VersionedRow> entry : byKey.entrySet()) {
      long hash = RowKeys.contentHash(entry.getValue());
      Long published = previous.remove(entry.getKey());
      if (published == null || published != hash) {
        emit(entry.getValue().withVersion(version), published == null);
      }
      keys[i] = entry.getKey();
      hashes[i++] = hash;
    }
    for (String vanished : previous.keySet()) {
      emit(RowKeys.deletion(appId, channel, vanished, version), true);
    }
    return new PublishedRows(keys, hashes);
  }

  /** Deletes every row of an epoch that no longer exists (e.g. a provisional one merged away). */
  void retract(PublishedRows rows) {
    for (String rowKey : rows.rowKeys()) {
      emit(RowKeys.deletion(appId, channel, rowKey, version), true);
    }
  }

  /** The final daily rows of an epoch that became final, for the app's daily operator only. */
  void finalDailyRows(List<VersionedRow> rows) {
    for (VersionedRow row : rows) {
      if (row instanceof DailyChannelUsageRow usage) {
        ctx.output(AppDailyUsageFunction.INPUT, DailyUsageInput.of(usage).asFinal());
      } else if (row instanceof DailyUserUsageRow usage) {
        ctx.output(AppDailyUsageFunction.INPUT, DailyUsageInput.of(usage).asFinal());
      }
    }
  }

  boolean emittedAny() {
    return emittedAny;
  }

  /**
   * @param toDaily whether the app's daily operator gets it too (a new or vanished daily row)
   */
  private void emit(VersionedRow row, boolean toDaily) {
    emittedAny = true;
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
      if (toDaily) {
        ctx.output(AppDailyUsageFunction.INPUT, DailyUsageInput.of(usage));
      }
    } else if (row instanceof DailyUserUsageRow usage) {
      ctx.output(AnalyticsOutputs.DAILY_USER, usage);
      if (toDaily) {
        ctx.output(AppDailyUsageFunction.INPUT, DailyUsageInput.of(usage));
      }
    }
  }
}
