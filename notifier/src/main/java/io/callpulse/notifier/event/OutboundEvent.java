package io.callpulse.notifier.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One record of the {@code callpulse.notifications} topic: a fact a tenant may want to be told
 * about. The notifier does not interpret {@code data}; it forwards it to every subscription of the
 * app that enabled {@code type}.
 *
 * @param eventId deterministic ({@link EventIds}), the {@code webhook-id} receivers dedupe on
 * @param occurredAt when the fact became true (epoch close time, end of the day...), not when it
 *     was emitted
 */
public record OutboundEvent(
    String eventId, EventType type, String appId, Instant occurredAt, ObjectNode data) {

  public OutboundEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(data, "data");
    if (eventId == null || !eventId.matches("[A-Za-z0-9_.:-]{1,128}")) {
      throw new IllegalArgumentException(
          "eventId must be 1-128 characters of [A-Za-z0-9_.:-], got " + eventId);
    }
    if (appId == null || appId.isBlank()) {
      throw new IllegalArgumentException("appId is required");
    }
  }
}
