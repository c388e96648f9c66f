package io.callpulse.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.jobs.functions.ParseNcsEvent;
import io.callpulse.jobs.records.IngestRecord;
import io.callpulse.jobs.records.IngestedEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The gateway's health-check flag survives parsing: its channel is not test_webhook here. */
class ParseNcsEventTest extends NcsTestBase {
  private static final String JOIN =
      "{\"noticeId\":\"n-1\",\"productId\":1,\"eventType\":103,\"notifyMs\":1700000000000,"
          + "\"payload\":{\"channelName\":\"room\",\"uid\":7,\"clientSeq\":1,\"ts\":1700000000}}";

  private static IngestedEvent parse(boolean flaggedByGateway) throws Exception {
    try (OneInputStreamOperatorTestHarness<IngestRecord, IngestedEvent> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(new ParseNcsEvent())) {
      harness.processElement(
          new IngestRecord(
              APP,
              1_700_000_000_500L,
              "ing-1",
              flaggedByGateway,
              JOIN.getBytes(StandardCharsets.UTF_8)),
          0L);
      List<IngestedEvent> out = harness.extractOutputValues();
      assertEquals(1, out.size());
      return out.get(0);
    }
  }

  @Test
  void theGatewaysHealthCheckFlagMarksTheEventAndKeepsEverythingElse() throws Exception {
    IngestedEvent plain = parse(false);
    IngestedEvent flagged = parse(true);
    assertFalse(plain.event().healthCheck());
    assertTrue(flagged.event().healthCheck());
    assertFalse(flagged.event().isAnalyzable(), "health checks stay out of analytics");
    assertEquals(plain.event().asHealthCheck(), flagged.event());
    assertEquals("ing-1", flagged.event().ingestId());
  }
}
