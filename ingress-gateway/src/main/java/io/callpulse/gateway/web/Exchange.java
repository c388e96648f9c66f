package io.callpulse.gateway.web;

import io.callpulse.gateway.Outcome;
import io.callpulse.gateway.ops.GatewayMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * Ends a webhook request with a JSON body and counts it once, whichever handler ends it (including
 * Vert.x's own 413 from the body handler).
 */
public final class Exchange {
  private static final String STARTED = "cp.started";
  private static final String ENDPOINT = "cp.endpoint";
  private static final String APP = "cp.app";
  private static final CharSequence APPLICATION_JSON =
      HttpHeaders.createOptimized("application/json");

  private final GatewayMetrics metrics;

  public Exchange(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  /** Marks the request as a webhook of {@code endpoint} for {@code id} (app or source). */
  public void begin(RoutingContext ctx, String endpoint, String id) {
    ctx.put(STARTED, System.nanoTime());
    ctx.put(ENDPOINT, endpoint);
    ctx.put(APP, metrics.appLabel(endpoint, id));
  }

  /** The bounded label of the app or source, for per-app state such as rate limiters. */
  public String label(RoutingContext ctx) {
    return ctx.get(APP);
  }

  /** A new ingest id: a random UUID's text, which {@link #okBody} relies on needing no escaping. */
  public static String newIngestId() {
    return UUID.randomUUID().toString();
  }

  /**
   * The body of a 200, {@code {"status":"ok","ingestId":"…"}}, written without a JSON generator
   * (Jackson's for this body was 3 % of an event loop's time); {@code ingestId} is one of {@link
   * #newIngestId()}'s.
   */
  public static Buffer okBody(String ingestId) {
    return Buffer.buffer(okFields(ingestId).append("\"}").toString());
  }

  /** {@link #okBody(String)} with the NCS health-check flag. */
  public static Buffer okBody(String ingestId, boolean healthCheck) {
    return Buffer.buffer(
        okFields(ingestId)
            .append("\",\"healthCheck\":")
            .append(healthCheck)
            .append('}')
            .toString());
  }

  private static StringBuilder okFields(String ingestId) {
    return new StringBuilder(96).append("{\"status\":\"ok\",\"ingestId\":\"").append(ingestId);
  }

  public void ok(RoutingContext ctx, Outcome outcome, Buffer body) {
    reply(ctx, outcome, body);
  }

  public void reject(RoutingContext ctx, Outcome outcome, String problem) {
    reply(ctx, outcome, new JsonObject().put("error", outcome.error()).put("problem", problem));
  }

  public void reply(RoutingContext ctx, Outcome outcome, JsonObject body) {
    reply(ctx, outcome, body.toBuffer());
  }

  private void reply(RoutingContext ctx, Outcome outcome, Buffer body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response
        .setStatusCode(outcome.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
        .end(body);
    Long started = ctx.get(STARTED);
    if (started != null) {
      metrics.requestFinished(
          ctx.get(ENDPOINT), ctx.get(APP), outcome, System.nanoTime() - started);
    }
  }
}
