package io.callpulse.notifier.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventIdsTest {

  @Test
  void sameContentKeySameIdAcrossCalls() {
    String id = EventIds.channelEpochClosed("app1", "room-7", "e-42");
    assertEquals(id, EventIds.channelEpochClosed("app1", "room-7", "e-42"));
    assertTrue(id.matches("evt_[0-9a-f]{32}"), id);
    // the documented recipe, so the Flink side can compute it: sha256("type\napp\nparts...")
    assertEquals(
        "evt_" + sha256Hex("channel.epoch.closed\napp1\nroom-7\ne-42").substring(0, 32), id);
  }

  @Test
  void differentKeysOrTypesGiveDifferentIds() {
    assertNotEquals(
        EventIds.channelEpochClosed("app1", "room-7", "e-42"),
        EventIds.channelEpochClosed("app1", "room-7", "e-43"));
    assertNotEquals(
        EventIds.channelEpochClosed("app1", "room-7", "e-42"),
        EventIds.channelEpochClosed("app2", "room-7", "e-42"));
    assertNotEquals(
        EventIds.usageDailyFinal("app1", "2025-01-01"),
        EventIds.of(EventType.CHANNEL_EPOCH_CLOSED, "app1", "2025-01-01"));
    assertThrows(IllegalArgumentException.class, () -> EventIds.usageDailyFinal("a", "x\ny"));
  }

  @Test
  void theContractJsonRoundTrips() {
    String json =
        "{\"eventId\":\"evt_1\",\"type\":\"user.session.closed\",\"appId\":\"a\","
            + "\"occurredAt\":\"2025-03-01T10:00:00.250Z\",\"data\":{\"uid\":7},\"extra\":1}";
    OutboundEvent event =
        Json.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), OutboundEvent.class);
    assertEquals(EventType.USER_SESSION_CLOSED, event.type());
    assertEquals(Instant.parse("2025-03-01T10:00:00.250Z"), event.occurredAt());
    assertEquals(event, Json.read(Json.write(event), OutboundEvent.class));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Json.read(
                json.replace("user.session.closed", "user.joined").getBytes(),
                OutboundEvent.class));
    assertThrows(
        IllegalArgumentException.class,
        () -> Json.read(json.replace("\"evt_1\"", "\"\"").getBytes(), OutboundEvent.class));
  }

  private static String sha256Hex(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
