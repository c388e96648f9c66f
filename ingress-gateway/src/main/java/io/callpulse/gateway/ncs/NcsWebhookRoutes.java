package io.callpulse.gateway.ncs;

import io.callpulse.gateway.Outcome;
import io.callpulse.gateway.config.AppConfig;
import io.callpulse.gateway.config.GatewayConfig;
import io.callpulse.gateway.kafka.RecordPublisher;
import io.callpulse.gateway.web.Exchange;
import io.callpulse.gateway.web.Intake;
import io.callpulse.gateway.web.RateLimiters;
import io.callpulse.gateway.web.Requests;
import io.callpulse.model.IngestHeaders;
import io.callpulse.model.NcsEvent;
import io.callpulse.model.NcsParser;
import io.callpulse.model.NcsSignature;
import io.callpulse.model.ParseResult;
import io.callpulse.model.Rejection;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * {@code POST /{appId}/webhooks}: Agora NCS notifications to Kafka. Checks run cheapest first and
 * nothing refused reaches Kafka: 404 unknown app, 415 not JSON, 413 too large, 401 signature, 429
 * rate, 400 invalid field; then 200 only once Kafka acknowledged, or 503 at the deadline.
 */
public final class NcsWebhookRoutes {
  public static final String ENDPOINT = "ncs";
  private static final String APP = "cp.ncs.app";
  private static final String PATH = "/:appId/webhooks";

  private final GatewayConfig config;
  private final Intake intake;
  private final Exchange exchange;
  private final Clock clock;

  public NcsWebhookRoutes(
      GatewayConfig config,
      RecordPublisher publisher,
      RateLimiters rateLimiters,
      Exchange exchange,
      Clock clock) {
    this.config = config;
    this.intake = new Intake(config, publisher, rateLimiters, exchange);
    this.exchange = exchange;
    this.clock = clock;
  }

  public void mount(Router router) {
    intake.mount(router, PATH, this::precheck, this::handle);
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
    String ingestId = Exchange.newIngestId();
    byte[] body = Intake.body(ctx);
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
    if (!intake.admit(ctx, ENDPOINT, app.rateLimit(), "app")) {
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
    intake.publish(
        ctx,
        record,
        event.healthCheck() ? Outcome.HEALTH_CHECK : Outcome.ACCEPTED,
        Exchange.okBody(ingestId, event.healthCheck()),
        "app " + app.appId() + " notice " + event.noticeId());
  }

  private static List<Header> headers(
      String appId,
      long receivedAtMs,
      String sourceIp,
      String signature,
      String ingestId,
      NcsEvent event) {
    return List.of(
        Intake.header(IngestHeaders.APP_ID, appId),
        Intake.header(IngestHeaders.RECEIVED_AT_MS, Long.toString(receivedAtMs)),
        Intake.header(IngestHeaders.SOURCE_IP, sourceIp),
        Intake.header(IngestHeaders.SIGNATURE, signature),
        Intake.header(IngestHeaders.INGEST_ID, ingestId),
        Intake.header(IngestHeaders.HEALTH_CHECK, Boolean.toString(event.healthCheck())));
  }
}
