package io.callpulse.gateway.web;

import io.callpulse.gateway.Outcome;
import io.callpulse.gateway.config.GatewayConfig;
import io.callpulse.gateway.config.RateLimit;
import io.callpulse.gateway.kafka.RecordPublisher;
import io.callpulse.model.IngestHeaders;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every webhook endpoint does around its own checks: the body read under the size limit, the
 * rate limit (429 with Retry-After), and the publish that answers 200 only once Kafka acknowledged
 * the record, or 503 with Retry-After when it did not in time.
 */
public final class Intake {
  private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

  private final GatewayConfig config;
  private final RecordPublisher publisher;
  private final RateLimiters rateLimiters;
  private final Exchange exchange;

  public Intake(
      GatewayConfig config,
      RecordPublisher publisher,
      RateLimiters rateLimiters,
      Exchange exchange) {
    this.config = config;
    this.publisher = publisher;
    this.rateLimiters = rateLimiters;
    this.exchange = exchange;
  }

  /**
   * Two routes on one path: {@code precheck} runs before the body is read (cheap refusals cost no
   * body), because Vert.x only accepts a body handler ahead of the user handlers of its own route.
   */
  public void mount(
      Router router,
      String path,
      Handler<RoutingContext> precheck,
      Handler<RoutingContext> handle) {
    router.post(path).handler(precheck);
    router
        .post(path)
        .handler(BodyHandler.create(false).setBodyLimit(config.limits().maxBodyBytes()))
        .handler(handle);
  }

  /** The raw body bytes (empty when there was none). */
  public static byte[] body(RoutingContext ctx) {
    Buffer buffer = ctx.body().buffer();
    return buffer == null ? new byte[0] : buffer.getBytes();
  }

  /**
   * Takes a token of the caller's bucket ({@code endpoint} + its label); when none is left, answers
   * 429 with Retry-After and returns false.
   */
  public boolean admit(RoutingContext ctx, String endpoint, RateLimit limit, String whose) {
    long retryAfter = rateLimiters.tryAcquire(endpoint + ":" + exchange.label(ctx), limit);
    if (retryAfter <= 0) {
      return true;
    }
    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
    exchange.reject(ctx, Outcome.RATE_LIMITED, "rate limit of the " + whose + " exceeded");
    return false;
  }

  /**
   * Publishes {@code record}; answers {@code okBody} with {@code outcome} once Kafka acknowledged
   * it, otherwise 503 with Retry-After ({@code what} names the record in the warning).
   */
  public void publish(
      RoutingContext ctx,
      ProducerRecord<byte[], byte[]> record,
      Outcome outcome,
      Buffer okBody,
      String what) {
    publisher
        .publish(ctx.vertx().getOrCreateContext(), record)
        .onSuccess(metadata -> exchange.ok(ctx, outcome, okBody))
        .onFailure(
            error -> {
              LOG.warn("503 for {}: {}", what, error.getMessage());
              ctx.response()
                  .putHeader(
                      HttpHeaders.RETRY_AFTER,
                      Integer.toString(config.kafka().retryAfterSeconds()));
              exchange.reject(ctx, Outcome.UNAVAILABLE, "the event store is unavailable, retry");
            });
  }

  public static Header header(String name, String value) {
    return new RecordHeader(name, IngestHeaders.utf8(value));
  }
}
