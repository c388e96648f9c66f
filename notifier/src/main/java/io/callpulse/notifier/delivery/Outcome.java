package io.callpulse.notifier.delivery;

import io.callpulse.notifier.audit.AuditRow;
import io.callpulse.notifier.event.DeadLetter;
import io.callpulse.notifier.event.Delivery;
import java.util.Optional;

/**
 * What must be recorded, durably, before the Kafka offset of the record that caused it may be
 * committed: the audit row of the request made (none when nothing was sent), and where the delivery
 * goes next (a retry tier, the dead letter topic, or nowhere when delivered).
 */
public record Outcome(
    Optional<AuditRow> audit,
    Optional<Delivery> retry,
    int retryTier,
    Optional<DeadLetter> deadLetter) {

  public static Outcome delivered(AuditRow audit) {
    return new Outcome(Optional.of(audit), Optional.empty(), 0, Optional.empty());
  }

  public static Outcome retry(Delivery next, int tier, AuditRow auditOrNull) {
    return new Outcome(Optional.ofNullable(auditOrNull), Optional.of(next), tier, Optional.empty());
  }

  public static Outcome deadLetter(DeadLetter deadLetter, AuditRow auditOrNull) {
    return new Outcome(
        Optional.ofNullable(auditOrNull), Optional.empty(), 0, Optional.of(deadLetter));
  }
}
