package io.callpulse.notifier.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code /health} (the process answers: liveness), {@code /ready} (consuming and able to audit) and
 * {@code /metrics} (Prometheus). Liveness never depends on Kafka or ClickHouse: while ClickHouse is
 * down the notifier waits on purpose and must not be restarted for it.
 */
public final class OpsRoutes {

  private final PrometheusMeterRegistry registry;
  private final Readiness readiness;

  public OpsRoutes(PrometheusMeterRegistry registry, Readiness readiness) {
    this.registry = registry;
    this.readiness = readiness;
  }

  public void mount(Router router) {
    router.get("/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "up")));
    router.get("/ready").handler(this::ready);
    router.get("/metrics").handler(this::metrics);
  }

  private void ready(RoutingContext ctx) {
    if (readiness.isStopping()) {
      json(ctx, 503, new JsonObject().put("status", "stopping"));
      return;
    }
    // the checks are cheap reads of volatile state: fine on the event loop
    Map<String, String> states = readiness.states();
    boolean ready = states.values().stream().allMatch("up"::equals);
    JsonObject body = new JsonObject().put("status", ready ? "ready" : "not_ready");
    states.forEach(body::put);
    json(ctx, ready ? 200 : 503, body);
  }

  private void metrics(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
        .end(registry.scrape());
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.toBuffer());
  }
}
