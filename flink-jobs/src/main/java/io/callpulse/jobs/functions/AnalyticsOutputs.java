package io.callpulse.jobs.functions;

import io.callpulse.jobs.records.ChannelEpochRow;
import io.callpulse.jobs.records.ConcurrencyMinuteRow;
import io.callpulse.jobs.records.ConcurrencyStepRow;
import io.callpulse.jobs.records.DailyChannelUsageRow;
import io.callpulse.jobs.records.DailyUserUsageRow;
import io.callpulse.jobs.records.DeadLetterRow;
import io.callpulse.jobs.records.OutboundNotification;
import io.callpulse.jobs.records.RawEventRow;
import io.callpulse.jobs.records.UserSessionRow;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * The side outputs, one per table (and the notifications for partner systems); channel_epochs rows
 * are the analytics operator's main output.
 */
public final class AnalyticsOutputs {
  public static final OutputTag<UserSessionRow> SESSIONS =
      new OutputTag<>("user-sessions", TypeInformation.of(UserSessionRow.class));
  public static final OutputTag<ConcurrencyStepRow> CONCURRENCY =
      new OutputTag<>("channel-concurrency", TypeInformation.of(ConcurrencyStepRow.class));
  public static final OutputTag<ConcurrencyMinuteRow> CONCURRENCY_MINUTE =
      new OutputTag<>("channel-concurrency-minute", TypeInformation.of(ConcurrencyMinuteRow.class));
  public static final OutputTag<DailyChannelUsageRow> DAILY_CHANNEL =
      new OutputTag<>("daily-channel-usage", TypeInformation.of(DailyChannelUsageRow.class));
  public static final OutputTag<DailyUserUsageRow> DAILY_USER =
      new OutputTag<>("daily-user-usage", TypeInformation.of(DailyUserUsageRow.class));
  public static final OutputTag<RawEventRow> RAW =
      new OutputTag<>("raw-events", TypeInformation.of(RawEventRow.class));
  public static final OutputTag<OutboundNotification> NOTIFICATIONS =
      new OutputTag<>("notifications", TypeInformation.of(OutboundNotification.class));
  public static final OutputTag<DeadLetterRow> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetterRow.class));

  public static final TypeInformation<ChannelEpochRow> EPOCHS =
      TypeInformation.of(ChannelEpochRow.class);

  private AnalyticsOutputs() {}
}
