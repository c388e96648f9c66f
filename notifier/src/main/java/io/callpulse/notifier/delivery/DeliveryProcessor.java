package io.callpulse.notifier.delivery;

import io.callpulse.notifier.audit.AuditRow;
import io.callpulse.notifier.config.DeliverySettings;
import io.callpulse.notifier.event.DeadLetter;
import io.callpulse.notifier.event.Delivery;
import io.callpulse.notifier.subscription.Subscription;
import io.callpulse.notifier.subscription.SubscriptionRegistry;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one attempt of a delivery and decides what follows. Runs on one Vert.x context: the
 * per-endpoint limiters and circuit breakers are not shared between threads.
 *
 * <p>Every non-2xx answer except 410 is retried (a partner's 400 is as often a deploy in progress
 * as a real refusal); 410 Gone disables the subscription and dead-letters the event so it can be
 * replayed if the partner comes back. An open circuit sends nothing and re-queues the same attempt
 * for when it closes: the attempt budget is spent on requests, not on waiting.
 */
public final class DeliveryProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryProcessor.class);

  private final SubscriptionRegistry registry;
  private final WebhookSender sender;
  private final BackoffPolicy backoff;
  private final DeliverySettings settings;
  private final Clock clock;
  // written on the Vert.x context only; read by the metrics
  private final Map<String, EndpointGuard> guards = new ConcurrentHashMap<>();

  public DeliveryProcessor(
      SubscriptionRegistry registry,
      WebhookSender sender,
      BackoffPolicy backoff,
      DeliverySettings settings,
      Clock clock) {
    this.registry = registry;
    this.sender = sender;
    this.backoff = backoff;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * {@link #attempt} that cannot fail even on a bug: an unexpected error re-queues the same attempt
   * one first-tier delay later instead of losing the delivery.
   */
  public Future<Outcome> attemptSafely(Delivery delivery) {
    Future<Outcome> outcome;
    try {
      outcome = attempt(delivery);
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    return outcome.recover(
        e -> {
          LOG.error("attempt of {} failed unexpectedly, re-queued", delivery.event().eventId(), e);
          Duration wait = backoff.delayAfter(1, Optional.empty());
          return Future.succeededFuture(
              Outcome.retry(delivery.deferredTo(clock.instant().plus(wait)), 1, null));
        });
  }

  /** Endpoints whose circuit is open at {@code nowMs} (nothing is sent to them). */
  public int openCircuits(long nowMs) {
    return (int) guards.values().stream().filter(g -> !g.breaker().allows(nowMs)).count();
  }

  /** Never fails: the returned outcome says what to record. */
  public Future<Outcome> attempt(Delivery delivery) {
    Optional<Subscription> found = registry.find(delivery.subscriptionId());
    if (found.isEmpty()) {
      return Future.succeededFuture(notSent(delivery, "subscription_removed"));
    }
    Subscription subscription = found.get();
    if (!registry.isActive(subscription)) {
      return Future.succeededFuture(notSent(delivery, "subscription_disabled"));
    }
    if (!subscription.wants(delivery.event().type())) {
      return Future.succeededFuture(notSent(delivery, "event_type_not_subscribed"));
    }
    EndpointGuard guard =
        guards.computeIfAbsent(
            subscription.id(),
            id ->
                new EndpointGuard(
                    new ConcurrencyLimiter(settings.maxConcurrentPerEndpoint()),
                    new CircuitBreaker(settings.breakerFailures(), settings.breakerOpenMs())));
    return guard
        .limiter()
        .acquire()
        .compose(
            permit -> {
              // checked after the wait for a permit: the circuit may have opened meanwhile
              if (!guard.breaker().allows(clock.millis())) {
                guard.limiter().release();
                return Future.succeededFuture(deferred(delivery, guard.breaker()));
              }
              return sender
                  .send(
                      subscription,
                      delivery.event().eventId(),
                      Payload.body(subscription, delivery.event()))
                  .map(result -> decide(delivery, subscription, guard.breaker(), result))
                  .andThen(done -> guard.limiter().release());
            });
  }

  private Outcome decide(
      Delivery delivery, Subscription subscription, CircuitBreaker breaker, AttemptResult result) {
    Instant at = clock.instant();
    if (result.endpointFailure()) {
      breaker.onFailure(at.toEpochMilli());
    } else {
      breaker.onSuccess();
    }
    if (result.delivered()) {
      return Outcome.delivered(audit(delivery, subscription, result, AuditRow.DELIVERED, at, null));
    }
    if (result.gone()) {
      registry.markGone(subscription);
      LOG.warn("{} answered 410 Gone: disabled until its url changes", subscription);
      return Outcome.deadLetter(
          new DeadLetter(delivery.next(at), null, "gone", result.status(), result.error(), at),
          audit(delivery, subscription, result, AuditRow.GONE, at, null));
    }
    if (backoff.isLast(delivery)) {
      return Outcome.deadLetter(
          new DeadLetter(
              delivery.next(at), null, "attempts_exhausted", result.status(), result.error(), at),
          audit(delivery, subscription, result, AuditRow.DEAD_LETTER, at, null));
    }
    Duration wait = backoff.delayAfter(delivery.attemptsInRun(), result.retryAfter());
    Instant due = at.plus(wait);
    return Outcome.retry(
        delivery.next(due),
        backoff.tierFor(wait),
        audit(delivery, subscription, result, AuditRow.RETRY, at, due));
  }

  private Outcome deferred(Delivery delivery, CircuitBreaker breaker) {
    Instant due = Instant.ofEpochMilli(breaker.openUntilMs());
    Duration wait = Duration.between(clock.instant(), due);
    return Outcome.retry(delivery.deferredTo(due), backoff.tierFor(wait), null);
  }

  private Outcome notSent(Delivery delivery, String reason) {
    Instant at = clock.instant();
    return Outcome.deadLetter(new DeadLetter(delivery, null, reason, 0, "", at), null);
  }

  private static AuditRow audit(
      Delivery delivery,
      Subscription subscription,
      AttemptResult result,
      String outcome,
      Instant at,
      Instant nextAttemptAt) {
    return new AuditRow(
        subscription.id(),
        delivery.event().eventId(),
        delivery.attempt(),
        delivery.event().appId(),
        delivery.event().type().wireName(),
        subscription.url(),
        result.status(),
        outcome,
        result.latencyMs(),
        result.error(),
        at,
        Optional.ofNullable(nextAttemptAt));
  }

  private record EndpointGuard(ConcurrencyLimiter limiter, CircuitBreaker breaker) {}
}
