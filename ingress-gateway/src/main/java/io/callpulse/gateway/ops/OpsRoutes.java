package io.callpulse.gateway.ops;

import io.callpulse.gateway.kafka.KafkaReadiness;
import io.callpulse.gateway.kafka.RecordPublisher;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/** {@code /health}, {@code /ready}, {@code /metrics}, {@code /stats}: probes and counters. */
public final class OpsRoutes {
  private final PrometheusMeterRegistry registry;
  private final RequestStats stats;
  private final KafkaReadiness readiness;
  private final RecordPublisher publisher;
  private final BooleanSupplier draining;

  public OpsRoutes(
      PrometheusMeterRegistry registry,
      RequestStats stats,
      KafkaReadiness readiness,
      RecordPublisher publisher,
      BooleanSupplier draining) {
    this.registry = registry;
    this.stats = stats;
    this.readiness = readiness;
    this.publisher = publisher;
    this.draining = draining;
  }

  public void mount(Router router) {
    router.get("/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "up")));
    router.get("/ready").handler(this::ready);
    router.get("/metrics").handler(this::metrics);
    router.get("/stats").handler(this::stats);
  }

  private void ready(RoutingContext ctx) {
    if (draining.getAsBoolean()) {
      json(ctx, 503, new JsonObject().put("status", "draining"));
    } else if (!readiness.ready()) {
      json(ctx, 503, new JsonObject().put("status", "not_ready").put("kafka", readiness.problem()));
    } else {
      json(ctx, 200, new JsonObject().put("status", "ready").put("kafka", "up"));
    }
  }

  private void metrics(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
        .end(registry.scrape());
  }

  private void stats(RoutingContext ctx) {
    json(ctx, 200, stats.snapshot().put("kafkaInFlight", publisher.inFlight()));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.toBuffer());
  }
}
