package io.callpulse.gateway.ops;

import io.callpulse.gateway.Outcome;
import io.callpulse.gateway.ncs.NcsWebhookRoutes;
import io.callpulse.gateway.stats.IngestStatsWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
  private final Set<EndpointApp> appLabels = ConcurrentHashMap.newKeySet();
  private final Map<RequestKey, RequestMeters> requestMeters = new ConcurrentHashMap<>();
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
    EndpointApp key = new EndpointApp(endpoint, appId);
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
    RequestMeters meters =
        requestMeters.computeIfAbsent(
            new RequestKey(endpoint, appLabel, outcome), k -> RequestMeters.register(registry, k));
    meters.requests().increment();
    meters.latency().record(nanos, TimeUnit.NANOSECONDS);
    stats.record(endpoint, appLabel, outcome);
    // ingest_stats_minute is keyed by Agora app id (Grafana's app variable, raw_events joins);
    // generic /hooks sources are not Agora apps and stay in /metrics and /stats only
    if (ingestStats != null && NcsWebhookRoutes.ENDPOINT.equals(endpoint)) {
      ingestStats.record(appLabel, outcome);
    }
  }

  /** A pair instead of a string joining them, which was built and hashed anew for each request. */
  private record EndpointApp(String endpoint, String appId) {}

  /** Bounded: endpoints and outcomes are fixed, app labels capped by {@link #appLabel}. */
  private record RequestKey(String endpoint, String appLabel, Outcome outcome) {}

  /**
   * A request's two meters, looked up once per label set: building and registering them for every
   * request cost an id, its sorted tags and a registry lookup each time.
   */
  private record RequestMeters(Counter requests, Timer latency) {
    static RequestMeters register(MeterRegistry registry, RequestKey key) {
      return new RequestMeters(
          Counter.builder("callpulse.gateway.requests")
              .description("webhook requests by endpoint, app and outcome")
              .tag("endpoint", key.endpoint())
              .tag("app", key.appLabel())
              .tag("outcome", key.outcome().label())
              .tag("status", Integer.toString(key.outcome().status()))
              .register(registry),
          Timer.builder("callpulse.gateway.request")
              .description("time from the request's arrival to the response")
              .tag("endpoint", key.endpoint())
              .tag("outcome", key.outcome().label())
              .publishPercentileHistogram()
              .maximumExpectedValue(Duration.ofSeconds(10))
              .register(registry));
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
