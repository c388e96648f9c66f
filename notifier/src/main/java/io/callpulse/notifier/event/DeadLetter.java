package io.callpulse.notifier.event;

import java.time.Instant;

/**
 * A record of the dead letter topic: a delivery given up on, or a notification record that could
 * not be read at all ({@code delivery} null, {@code raw} set). Replay sends {@code delivery} again.
 *
 * @param delivery the attempt that would have come next; null for an unreadable record
 * @param reason attempts_exhausted, gone, subscription_disabled, subscription_removed,
 *     event_type_not_subscribed, invalid_record
 * @param lastStatus the last HTTP status received, 0 when none
 */
public record DeadLetter(
    Delivery delivery, String raw, String reason, int lastStatus, String lastError, Instant at) {}
