package io.callpulse.gateway.ops;

import io.callpulse.gateway.Outcome;
import io.callpulse.gateway.ncs.NcsWebhookRoutes;
import io.callpulse.gateway.stats.IngestStatsWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway's own meters (Prometheus names {@code callpulse_gateway_*}), the {@code /stats}
 * counters and, when configured, ClickHouse's {@code ingest_stats_minute} (NCS requests only), fed
 * from one call per finished request.
 */
public final class GatewayMetrics {
  public static final String OTHER_APP = "other";

  private final MeterRegistry registry;
  private final RequestStats stats;
  private final int maxAppLabels;
  private final Set<String> appLabels = ConcurrentHashMap.newKeySet();
  private final Timer kafkaSend;
  private final IngestStatsWriter ingestStats;

  /**
   * @param ingestStats where NCS requests are counted per minute for ClickHouse; null: nowhere
   */
  public GatewayMetrics(
      MeterRegistry registry, RequestStats stats, int maxAppLabels, IngestStatsWriter ingestStats) {
    this.registry = registry;
    this.stats = stats;
    this.ingestStats = ingestStats;
    this.maxAppLabels = maxAppLabels;
    this.kafkaSend =
        Timer.builder("callpulse.gateway.kafka.send")
            .description("from handing a record to the producer to the broker's acknowledgement")
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
  }

  /**
   * Ids from the URL are attacker-chosen: past {@code maxAppLabels} distinct values they are
   * counted as {@value #OTHER_APP} so memory and metric cardinality stay bounded.
   */
  public String appLabel(String endpoint, String appId) {
    String key = endpoint + ":" + appId;
    if (appLabels.contains(key)) {
      return appId;
    }
    if (appLabels.size() < maxAppLabels) {
      appLabels.add(key);
      return appId;
    }
    return OTHER_APP;
  }

  public void requestFinished(String endpoint, String appLabel, Outcome outcome, long nanos) {
    Counter.builder("callpulse.gateway.requests")
        .description("webhook requests by endpoint, app and outcome")
        .tag("endpoint", endpoint)
        .tag("app", appLabel)
        .tag("outcome", outcome.label())
        .tag("status", Integer.toString(outcome.status()))
        .register(registry)
        .increment();
    Timer.builder("callpulse.gateway.request")
        .description("time from the request's arrival to the response")
        .tag("endpoint", endpoint)
        .tag("outcome", outcome.label())
        .publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)
        .record(Duration.ofNanos(nanos));
    stats.record(endpoint, appLabel, outcome);
    // ingest_stats_minute is keyed by Agora app id (Grafana's app variable, raw_events joins);
    // generic /hooks sources are not Agora apps and stay in /metrics and /stats only
    if (ingestStats != null && NcsWebhookRoutes.ENDPOINT.equals(endpoint)) {
      ingestStats.record(appLabel, outcome);
    }
  }

  public Timer kafkaSend() {
    return kafkaSend;
  }

  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  public RequestStats stats() {
    return stats;
  }
}
