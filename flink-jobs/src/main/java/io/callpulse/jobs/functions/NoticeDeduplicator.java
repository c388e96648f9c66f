package io.callpulse.jobs.functions;

import io.callpulse.jobs.records.EventOutcome;
import io.callpulse.jobs.records.IngestedEvent;
import io.callpulse.jobs.records.RawEventRow;
import io.callpulse.model.NcsEvent;
import java.time.Duration;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by (appId, noticeId): drops Agora's resends of a notification (agora-ncs.md §3) and routes
 * what channel analytics must not see (§4 rule 11): console health checks, other products, unknown
 * RTC event types. Those are still written raw, with their outcome. The "seen" flag lives {@code
 * noticeTtl} (state TTL), longer than Agora's resend window.
 */
public class NoticeDeduplicator extends KeyedProcessFunction<String, IngestedEvent, IngestedEvent> {
  private static final long serialVersionUID = 1L;

  private final Duration noticeTtl;
  private transient ValueState<Boolean> seen;

  public NoticeDeduplicator(Duration noticeTtl) {
    this.noticeTtl = noticeTtl;
  }

  public static String key(IngestedEvent in) {
    return in.event().appId() + "/" + in.event().noticeId();
  }

  @Override
  public void open(Configuration parameters) {
    ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
    descriptor.enableTimeToLive(ExpiringState.afterLastWrite(noticeTtl));
    seen = getRuntimeContext().getState(descriptor);
  }

  @Override
  public void processElement(IngestedEvent in, Context ctx, Collector<IngestedEvent> out)
      throws Exception {
    NcsEvent event = in.event();
    if (seen.value() != null) {
      ctx.output(
          AnalyticsOutputs.RAW, RawEventRow.of(event, EventOutcome.DUPLICATE_NOTICE, in.body()));
      return;
    }
    seen.update(true);
    if (event.isAnalyzable()) {
      out.collect(in);
      return;
    }
    String outcome =
        event.healthCheck()
            ? EventOutcome.HEALTH_CHECK
            : event.productId() != io.callpulse.model.NcsCodes.PRODUCT_RTC
                ? EventOutcome.OTHER_PRODUCT
                : EventOutcome.UNKNOWN_EVENT_TYPE;
    ctx.output(AnalyticsOutputs.RAW, RawEventRow.of(event, outcome, in.body()));
  }
}
