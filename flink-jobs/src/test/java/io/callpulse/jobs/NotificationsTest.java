package io.callpulse.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callpulse.jobs.functions.AnalyticsOutputs;
import io.callpulse.jobs.functions.NotificationSerializer;
import io.callpulse.jobs.records.ChannelEpochRow;
import io.callpulse.jobs.records.OutboundNotification;
import io.callpulse.model.NcsEvent;
import io.callpulse.model.OutboundEventIds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Final epochs are announced to partner systems once, with deterministic ids (notifier contract).
 */
class NotificationsTest extends NcsTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One call, built once: a replay must resend the very same events (same clientSeqs). */
  private final List<NcsEvent> call = oneCall();

  private List<NcsEvent> oneCall() {
    return List.of(
        channelCreated().at(T0),
        hostJoins(1).at(T0),
        audienceJoins(2).at(T0 + 10),
        becomesHost(2).at(T0 + 40),
        audienceLeaves(2).after(50).at(T0 + 60),
        hostLeaves(1).after(90).at(T0 + 90),
        channelDestroyed().at(T0 + 90));
  }

  private static List<OutboundNotification> notifications(ChannelHarness harness) {
    return harness.side(AnalyticsOutputs.NOTIFICATIONS);
  }

  @Test
  void aFinalEpochAnnouncesItselfAndEachSessionOnce() throws Exception {
    try (ChannelHarness channel = new ChannelHarness()) {
      channel.send(call).flush();
      channel.watermark(T0 + 90 + ChannelHarness.GRACE);
      assertTrue(notifications(channel).isEmpty(), "not final before the processing grace");

      channel.afterGrace();
      ChannelEpochRow epoch = channel.onlyEpoch();
      Map<String, List<OutboundNotification>> byType =
          notifications(channel).stream()
              .collect(Collectors.groupingBy(OutboundNotification::type));
      assertEquals(1, byType.get(OutboundEventIds.CHANNEL_EPOCH_CLOSED).size());
      assertEquals(2, byType.get(OutboundEventIds.USER_SESSION_CLOSED).size());

      OutboundNotification closed = byType.get(OutboundEventIds.CHANNEL_EPOCH_CLOSED).get(0);
      assertEquals(
          OutboundEventIds.of(
              OutboundEventIds.CHANNEL_EPOCH_CLOSED, APP, epoch.channelName(), epoch.epochId()),
          closed.eventId());
      assertEquals(T0 + 90, closed.occurredAt());
      JsonNode data = JSON.readTree(closed.dataJson());
      assertEquals(epoch.totalSeconds(), data.get("totalSeconds").asLong());
      assertEquals(140, data.get("totalSeconds").asLong());
      assertEquals(110, data.get("hostSeconds").asLong());
      assertEquals(30, data.get("audienceSeconds").asLong());
      assertEquals(1, data.get("roleSwitches").asInt());
      assertEquals("destroy", data.get("closedBy").asText());

      OutboundNotification session =
          byType.get(OutboundEventIds.USER_SESSION_CLOSED).stream()
              .filter(n -> n.dataJson().contains("\"uid\":2"))
              .findFirst()
              .orElseThrow();
      JsonNode sessionData = JSON.readTree(session.dataJson());
      assertEquals(50, sessionData.get("seconds").asLong());
      assertEquals(20, sessionData.get("hostSeconds").asLong());
      assertEquals(T0 + 60, session.occurredAt());
      assertEquals(
          OutboundEventIds.of(
              OutboundEventIds.USER_SESSION_CLOSED,
              APP,
              epoch.channelName(),
              epoch.epochId(),
              sessionData.get("sessionId").asText()),
          session.eventId());

      // A resend after the epoch was dropped is late: nothing is announced again.
      channel.send(redundant(call.get(5))).afterGrace();
      assertEquals(3, notifications(channel).size());
    }
  }

  @Test
  void aRestoredJobAnnouncesTheSameIds() throws Exception {
    List<String> first;
    OperatorSubtaskState snapshot;
    try (ChannelHarness channel = new ChannelHarness()) {
      channel.send(call).flush();
      snapshot = channel.snapshot();
      channel.watermark(T0 + 90 + ChannelHarness.GRACE).afterGrace();
      first = notifications(channel).stream().map(OutboundNotification::eventId).sorted().toList();
    }
    try (ChannelHarness restored = ChannelHarness.restoredFrom(snapshot)) {
      restored.send(call).flush(); // the source rewinds to the checkpoint
      restored.watermark(T0 + 90 + ChannelHarness.GRACE).afterGrace();
      assertEquals(
          first,
          notifications(restored).stream().map(OutboundNotification::eventId).sorted().toList());
    }
  }

  @Test
  void theKafkaRecordFollowsTheNotifierContract() throws Exception {
    OutboundNotification notification =
        new OutboundNotification(
            "app \"q\"", "evt_0123", OutboundEventIds.CHANNEL_EPOCH_CLOSED, T0, "{\"a\":[1,2]}");
    ProducerRecord<byte[], byte[]> record =
        new NotificationSerializer("callpulse.notifications").serialize(notification, null, null);
    assertEquals("callpulse.notifications", record.topic());
    assertEquals("app \"q\"", new String(record.key(), StandardCharsets.UTF_8));
    JsonNode json = JSON.readTree(record.value());
    assertEquals("evt_0123", json.get("eventId").asText());
    assertEquals("channel.epoch.closed", json.get("type").asText());
    assertEquals("app \"q\"", json.get("appId").asText());
    assertEquals(java.time.Instant.ofEpochSecond(T0).toString(), json.get("occurredAt").asText());
    assertEquals(2, json.get("data").get("a").get(1).asInt());
  }
}
