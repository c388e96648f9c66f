package io.callpulse.notifier.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callpulse.notifier.event.Json;
import io.callpulse.notifier.event.OutboundEvent;
import io.callpulse.notifier.subscription.Subscription;

/**
 * The request body: Standard Webhooks' {@code type, timestamp, data} plus {@code id}, {@code appId}
 * and the subscription's static custom fields. Built the same way for every attempt, so a receiver
 * sees the same bytes on a retry (only the signature's timestamp changes).
 */
public final class Payload {

  private Payload() {}

  public static byte[] body(Subscription subscription, OutboundEvent event) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("id", event.eventId());
    body.put("type", event.type().wireName());
    body.put("timestamp", event.occurredAt().toString());
    body.put("appId", event.appId());
    body.set("data", event.data());
    subscription.customFields().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(field -> body.set(field.getKey(), Json.MAPPER.valueToTree(field.getValue())));
    return Json.write(body);
  }
}
