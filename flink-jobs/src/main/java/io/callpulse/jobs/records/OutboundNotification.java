package io.callpulse.jobs.records;

/**
 * A fact for partner systems, written to {@code callpulse.notifications} and delivered by the
 * notifier (contract: notifier/README.md).
 *
 * @param eventId deterministic ({@link io.callpulse.model.OutboundEventIds}): a replay repeats it
 * @param type the wire name, e.g. {@code channel.epoch.closed}
 * @param occurredAt epoch second at which the fact became true (epoch or session end)
 * @param dataJson the JSON object forwarded to the partner as the payload's {@code data}
 */
public record OutboundNotification(
    String appId, String eventId, String type, long occurredAt, String dataJson) {}
