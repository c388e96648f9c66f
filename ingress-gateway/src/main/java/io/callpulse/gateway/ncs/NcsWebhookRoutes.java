package io.callpulse.gateway.ncs;

import io.callpulse.gateway.Outcome;
import io.callpulse.gateway.config.AppConfig;
import io.callpulse.gateway.config.GatewayConfig;
import io.callpulse.gateway.kafka.RecordPublisher;
import io.callpulse.gateway.web.Exchange;
import io.callpulse.gateway.web.RateLimiters;
import io.callpulse.gateway.web.Requests;
import io.callpulse.model.IngestHeaders;
import io.callpulse.model.NcsEvent;
import io.callpulse.model.NcsParser;
import io.callpulse.model.NcsSignature;
import io.callpulse.model.ParseResult;
import io.callpulse.model.Rejection;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /{appId}/webhooks}: Agora NCS notifications to Kafka. Checks run cheapest first and
 * nothing refused reaches Kafka: 404 unknown app, 415 not JSON, 413 too large, 401 signature, 429
 * rate, 400 invalid field; then 200 only once Kafka acknowledged, or 503 at the deadline.
 */
public final class NcsWebhookRoutes {
  public static final String ENDPOINT = "ncs";
  private static final Logger LOG = LoggerFactory.getLogger(NcsWebhookRoutes.class);
  private static final String APP = "cp.ncs.app";
  private static final String PATH = "/:appId/webhooks";

  private final GatewayConfig config;
  private final RecordPublisher publisher;
  private final RateLimiters rateLimiters;
  private final Exchange exchange;
  private final Clock clock;

  public NcsWebhookRoutes(
      GatewayConfig config,
      RecordPublisher publisher,
      RateLimiters rateLimiters,
      Exchange exchange,
      Clock clock) {
    this.config = config;
    this.publisher = publisher;
    this.rateLimiters = rateLimiters;
    this.exchange = exchange;
    this.clock = clock;
  }

  public void mount(Router router) {
    // Two routes on one path: the cheap checks run before the body is read, and Vert.x only
    // accepts a body handler ahead of the user handlers of its own route.
    router.post(PATH).handler(this::precheck);
    router
        .post(PATH)
        .handler(BodyHandler.create(false).setBodyLimit(config.limits().maxBodyBytes()))
        .handler(this::handle);
  }

  private void precheck(RoutingContext ctx) {
    String appId = ctx.pathParam("appId");
    exchange.begin(ctx, ENDPOINT, appId);
    AppConfig app = config.apps().lookup(appId).orElse(null);
    if (app == null) {
      exchange.reject(ctx, Outcome.UNKNOWN_APP, "no app '" + appId + "' is configured here");
      return;
    }
    if (!Requests.isJson(ctx.request())) {
      exchange.reject(ctx, Outcome.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
      return;
    }
    ctx.put(APP, app);
    ctx.next();
  }

  private void handle(RoutingContext ctx) {
    AppConfig app = ctx.get(APP);
    long receivedAtMs = clock.millis();
    String ingestId = UUID.randomUUID().toString();
    Buffer buffer = ctx.body().buffer();
    byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
    ParseResult parsed = NcsParser.parse(body, app.appId(), receivedAtMs, ingestId);

    SignatureCheck signature =
        SignatureCheck.of(
            app,
            parsed,
            body,
            ctx.request().getHeader(NcsSignature.HEADER_V2),
            ctx.request().getHeader(NcsSignature.HEADER_V1));
    if (!signature.passed()) {
      exchange.reject(ctx, Outcome.UNAUTHORIZED, signature.problem());
      return;
    }
    long retryAfter =
        rateLimiters.tryAcquire(ENDPOINT + ":" + exchange.label(ctx), app.rateLimit());
    if (retryAfter > 0) {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
      exchange.reject(ctx, Outcome.RATE_LIMITED, "rate limit of the app exceeded");
      return;
    }
    if (parsed instanceof ParseResult.Rejected rejected) {
      Rejection r = rejected.rejection();
      exchange.reply(
          ctx,
          Outcome.INVALID_FIELD,
          new JsonObject()
              .put("error", Outcome.INVALID_FIELD.error())
              .put("field", r.field())
              .put("problem", r.problem())
              .put("reason", r.reason()));
      return;
    }
    NcsEvent event = ((ParseResult.Accepted) parsed).event();
    String sourceIp = Requests.sourceIp(ctx.request(), config.http().trustForwardedFor());
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            config.kafka().topic(),
            null,
            receivedAtMs,
            IngestHeaders.recordKey(app.appId(), event.channelName(), event.noticeId()),
            body,
            headers(app.appId(), receivedAtMs, sourceIp, signature.status(), ingestId, event));
    publisher
        .publish(ctx.vertx().getOrCreateContext(), record)
        .onSuccess(
            metadata ->
                exchange.ok(
                    ctx,
                    event.healthCheck() ? Outcome.HEALTH_CHECK : Outcome.ACCEPTED,
                    new JsonObject()
                        .put("status", "ok")
                        .put("ingestId", ingestId)
                        .put("healthCheck", event.healthCheck())))
        .onFailure(
            error -> {
              LOG.warn(
                  "503 for app {} notice {}: {}",
                  app.appId(),
                  event.noticeId(),
                  error.getMessage());
              ctx.response()
                  .putHeader(
                      HttpHeaders.RETRY_AFTER,
                      Integer.toString(config.kafka().retryAfterSeconds()));
              exchange.reject(ctx, Outcome.UNAVAILABLE, "the event store is unavailable, retry");
            });
  }

  private static List<Header> headers(
      String appId,
      long receivedAtMs,
      String sourceIp,
      String signature,
      String ingestId,
      NcsEvent event) {
    return List.of(
        header(IngestHeaders.APP_ID, appId),
        header(IngestHeaders.RECEIVED_AT_MS, Long.toString(receivedAtMs)),
        header(IngestHeaders.SOURCE_IP, sourceIp),
        header(IngestHeaders.SIGNATURE, signature),
        header(IngestHeaders.INGEST_ID, ingestId),
        header(IngestHeaders.HEALTH_CHECK, Boolean.toString(event.healthCheck())));
  }

  static Header header(String name, String value) {
    return new RecordHeader(name, IngestHeaders.utf8(value));
  }
}
