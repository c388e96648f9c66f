package io.callpulse.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callpulse.jobs.functions.AnalyticsOutputs;
import io.callpulse.jobs.functions.NoticeDeduplicator;
import io.callpulse.jobs.records.EventOutcome;
import io.callpulse.jobs.records.IngestedEvent;
import io.callpulse.jobs.records.RawEventRow;
import io.callpulse.model.NcsEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** §3 notice dedup and §4 rule 11 (health checks and other products stay out of analytics). */
class NoticeDeduplicatorTest extends NcsTestBase {

  private static NcsEvent withProduct(NcsEvent e, int productId, boolean healthCheck) {
    return new NcsEvent(
        e.appId(),
        e.noticeId(),
        productId,
        e.eventType(),
        e.notifyMs(),
        e.sid(),
        e.eventMs(),
        e.channelName(),
        e.uid(),
        e.clientSeq(),
        e.ts(),
        e.platform(),
        e.clientType(),
        e.reason(),
        e.duration(),
        e.account(),
        e.lastUid(),
        e.receivedAtMs(),
        e.ingestId(),
        healthCheck);
  }

  @Test
  void rule11_healthChecksAndOtherProductsAreStoredRawButNotAnalyzed() throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<String, IngestedEvent, IngestedEvent>(
            new KeyedProcessOperator<>(new NoticeDeduplicator(Duration.ofHours(24))),
            NoticeDeduplicator::key,
            Types.STRING);
    harness.getExecutionConfig().disableGenericTypes();
    harness.open();
    NcsEvent join = hostJoins(7).at(T0);
    NcsEvent healthCheck = withProduct(hostJoins(12121212).in("test_webhook").at(T0), 1, true);
    NcsEvent recording = withProduct(hostJoins(9).at(T0), 3, false);
    NcsEvent unknownType = withProduct(hostJoins(9).at(T0), 1, false);
    unknownType =
        new NcsEvent(
            unknownType.appId(),
            unknownType.noticeId(),
            1,
            150,
            unknownType.notifyMs(),
            null,
            null,
            CHANNEL,
            null,
            null,
            T0,
            null,
            null,
            null,
            null,
            null,
            null,
            0,
            "u",
            false);
    for (NcsEvent e : List.of(join, resent(join), healthCheck, recording, unknownType)) {
      harness.processElement(new StreamRecord<>(new IngestedEvent(e, "{}"), e.ts() * 1000));
    }
    List<IngestedEvent> forwarded = harness.extractOutputValues();
    assertEquals(1, forwarded.size());
    assertEquals(join, forwarded.get(0).event());

    List<String> outcomes = new ArrayList<>();
    harness.getSideOutput(AnalyticsOutputs.RAW).forEach(r -> outcomes.add(r.getValue().outcome()));
    assertEquals(
        List.of(
            EventOutcome.DUPLICATE_NOTICE,
            EventOutcome.HEALTH_CHECK,
            EventOutcome.OTHER_PRODUCT,
            EventOutcome.UNKNOWN_EVENT_TYPE),
        outcomes);
    List<Integer> duplicates = new ArrayList<>();
    harness
        .getSideOutput(AnalyticsOutputs.RAW)
        .forEach(r -> duplicates.add(r.getValue().duplicate()));
    assertEquals(List.of(RawEventRow.SAME_NOTICE, 0, 0, 0), duplicates);
    harness.close();
  }
}
