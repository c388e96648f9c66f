package io.callpulse.notifier.config;

import io.callpulse.notifier.subscription.Subscription;
import java.util.List;
import java.util.Objects;

/**
 * The notifier's configuration file (YAML). Only {@code subscriptions} is reloaded while running;
 * the other sections are read at start. Key names and defaults: module README.
 */
public record NotifierConfig(
    KafkaSettings kafka,
    ClickHouseSettings clickhouse,
    DeliverySettings delivery,
    OpsSettings ops,
    long subscriptionsReloadMs,
    List<Subscription> subscriptions) {

  public static final long DEFAULT_RELOAD_MS = 5_000;

  public NotifierConfig {
    Objects.requireNonNull(kafka, "kafka section is required");
    Objects.requireNonNull(clickhouse, "clickhouse section is required");
    delivery = delivery == null ? DeliverySettings.defaults() : delivery;
    ops = ops == null ? OpsSettings.defaults() : ops;
    subscriptionsReloadMs = subscriptionsReloadMs == 0 ? DEFAULT_RELOAD_MS : subscriptionsReloadMs;
    if (subscriptionsReloadMs < 100) {
      throw new IllegalArgumentException("subscriptionsReloadMs must be at least 100");
    }
    subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
  }

  /** This configuration with other ClickHouse and ops settings (the rest unchanged). */
  public NotifierConfig with(ClickHouseSettings newClickhouse, OpsSettings newOps) {
    return new NotifierConfig(
        kafka, newClickhouse, delivery, newOps, subscriptionsReloadMs, subscriptions);
  }
}
