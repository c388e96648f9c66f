package io.callpulse.notifier.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One event still to be delivered to one subscription: a record of a retry topic. Everything a
 * restarted notifier needs to continue is in here, never only in memory.
 *
 * @param attempt the number of the attempt to make next (1 = first request)
 * @param firstAttempt the attempt this run of attempts started at: 1, or the attempt after the last
 *     one for a delivery replayed from the dead letter topic. The retry budget counts from here.
 * @param dueAt not before this instant (also in the record's due-time header)
 */
public record Delivery(
    OutboundEvent event, String subscriptionId, int attempt, int firstAttempt, Instant dueAt) {

  public Delivery {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(dueAt, "dueAt");
    if (attempt < 1 || firstAttempt < 1 || firstAttempt > attempt) {
      throw new IllegalArgumentException(
          "need 1 <= firstAttempt <= attempt, got " + firstAttempt + ", " + attempt);
    }
  }

  public static Delivery first(OutboundEvent event, String subscriptionId, Instant now) {
    return new Delivery(event, subscriptionId, 1, 1, now);
  }

  /** The attempts made in this run so far, counting the one about to be made. */
  public int attemptsInRun() {
    return attempt - firstAttempt + 1;
  }

  public Delivery next(Instant due) {
    return new Delivery(event, subscriptionId, attempt + 1, firstAttempt, due);
  }

  /** The same attempt again later (nothing was sent: the endpoint's circuit was open). */
  public Delivery deferredTo(Instant due) {
    return new Delivery(event, subscriptionId, attempt, firstAttempt, due);
  }

  /** A fresh run of attempts, for a replay from the dead letter topic. */
  public Delivery replayed(Instant now) {
    return new Delivery(event, subscriptionId, attempt, attempt, now);
  }
}
