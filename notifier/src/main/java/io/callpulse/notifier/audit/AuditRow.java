package io.callpulse.notifier.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of {@code webhook_deliveries}: one request made (or refused before sending because the
 * endpoint is gone). Key: (subscriptionId, eventId, attempt).
 *
 * @param outcome {@code delivered}, {@code retry}, {@code dead_letter} or {@code gone}
 */
public record AuditRow(
    String subscriptionId,
    String eventId,
    int attempt,
    String appId,
    String eventType,
    String url,
    int statusCode,
    String outcome,
    long latencyMs,
    String error,
    Instant at,
    Optional<Instant> nextAttemptAt) {

  public static final String DELIVERED = "delivered";
  public static final String RETRY = "retry";
  public static final String DEAD_LETTER = "dead_letter";
  public static final String GONE = "gone";
}
