package io.callpulse.notifier.ops;

import io.callpulse.notifier.audit.AuditRow;
import io.callpulse.notifier.audit.AuditWriter;
import io.callpulse.notifier.config.KafkaSettings;
import io.callpulse.notifier.delivery.DeliveryProcessor;
import io.callpulse.notifier.delivery.Outcome;
import io.callpulse.notifier.event.DeadLetter;
import io.callpulse.notifier.kafka.LoopObserver;
import io.callpulse.notifier.subscription.SubscriptionRegistry;
import io.callpulse.notifier.subscription.SubscriptionReloader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The notifier's own meters, Prometheus names {@code callpulse_notifier_*} (list: module README).
 * Deliveries are counted when their outcome is durable, so a batch repeated after a failed commit
 * is counted again, as it is attempted again.
 */
public final class NotifierMetrics implements LoopObserver {

  /** {@code outcome} of an attempt that sent nothing because the endpoint's circuit is open. */
  public static final String DEFERRED = "deferred";

  private final MeterRegistry registry;
  private final KafkaSettings kafka;
  private final AtomicInteger inFlight = new AtomicInteger();

  public NotifierMetrics(MeterRegistry registry, KafkaSettings kafka) {
    this.registry = registry;
    this.kafka = kafka;
    Gauge.builder("callpulse.notifier.deliveries.in.flight", inFlight, AtomicInteger::get)
        .description("attempts started and not finished (waiting for a permit included)")
        .register(registry);
    // present at 0 from the start, so rates and alerts need no first delivery
    for (String outcome :
        List.of(
            AuditRow.DELIVERED, AuditRow.RETRY, AuditRow.DEAD_LETTER, AuditRow.GONE, DEFERRED)) {
      deliveries(outcome);
    }
    consumed(kafka.topic(), 0);
  }

  /** Gauges and counters read from the parts of a running notifier. */
  public void watch(
      SubscriptionRegistry subscriptions,
      DeliveryProcessor processor,
      AuditWriter audit,
      SubscriptionReloader reloaderOrNull,
      Clock clock) {
    Gauge.builder(
            "callpulse.notifier.subscriptions",
            subscriptions,
            s -> s.all().stream().filter(s::isActive).count())
        .description("subscriptions loaded, by state (inactive: enabled false, or 410 Gone)")
        .tag("state", "active")
        .register(registry);
    Gauge.builder(
            "callpulse.notifier.subscriptions",
            subscriptions,
            s -> s.all().stream().filter(x -> !s.isActive(x)).count())
        .description("subscriptions loaded, by state (inactive: enabled false, or 410 Gone)")
        .tag("state", "inactive")
        .register(registry);
    Gauge.builder(
            "callpulse.notifier.circuits.open", processor, p -> p.openCircuits(clock.millis()))
        .description("subscriptions whose circuit breaker is open (nothing is sent to them)")
        .register(registry);
    FunctionCounter.builder(
            "callpulse.notifier.audit.write.failures", audit, AuditWriter::writeFailures)
        .description("failed inserts into webhook_deliveries (each retry counts)")
        .register(registry);
    if (reloaderOrNull != null) {
      FunctionCounter.builder(
              "callpulse.notifier.subscription.reload.failures",
              reloaderOrNull,
              SubscriptionReloader::failures)
          .description("changes of the configuration file refused, or the file unreadable")
          .register(registry);
    }
  }

  /** Attempts in flight; the service adds a batch's and subtracts each finished one. */
  public AtomicInteger inFlight() {
    return inFlight;
  }

  @Override
  public void consumed(String topic, int records) {
    Counter.builder("callpulse.notifier.records.consumed")
        .description("records read, by tier: main (the notification topic) or retry.N")
        .tag("tier", tier(topic))
        .register(registry)
        .increment(records);
  }

  @Override
  public void recorded(List<Outcome> outcomes) {
    for (Outcome outcome : outcomes) {
      deliveries(label(outcome)).increment();
      outcome
          .audit()
          .ifPresent(
              row ->
                  Timer.builder("callpulse.notifier.attempt")
                      .description("duration of a request to a partner endpoint, by outcome")
                      .tag("outcome", row.outcome())
                      .publishPercentileHistogram()
                      .minimumExpectedValue(Duration.ofMillis(1))
                      .maximumExpectedValue(Duration.ofSeconds(60))
                      .register(registry)
                      .record(Duration.ofMillis(row.latencyMs())));
    }
  }

  /**
   * The audit's outcome when a request was made ({@code delivered}, {@code retry}, {@code
   * dead_letter}, {@code gone}), else {@value #DEFERRED} or the dead letter reason ({@code
   * subscription_disabled}, {@code subscription_removed}, {@code event_type_not_subscribed}, {@code
   * invalid_record}): a small fixed set.
   */
  static String label(Outcome outcome) {
    if (outcome.audit().isPresent()) {
      return outcome.audit().get().outcome();
    }
    if (outcome.retry().isPresent()) {
      return DEFERRED;
    }
    return outcome.deadLetter().map(DeadLetter::reason).orElse("none");
  }

  private Counter deliveries(String outcome) {
    return Counter.builder("callpulse.notifier.deliveries")
        .description("deliveries by outcome, counted once durable")
        .tag("outcome", outcome)
        .register(registry);
  }

  private String tier(String topic) {
    if (topic.equals(kafka.topic())) {
      return "main";
    }
    String prefix = kafka.retryTopicPrefix() + ".";
    return topic.startsWith(prefix) ? "retry." + topic.substring(prefix.length()) : "other";
  }
}
