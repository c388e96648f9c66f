package io.callpulse.gateway.hooks;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.callpulse.gateway.Outcome;
import io.callpulse.gateway.config.GatewayConfig;
import io.callpulse.gateway.config.SourceConfig;
import io.callpulse.gateway.kafka.RecordPublisher;
import io.callpulse.gateway.web.Exchange;
import io.callpulse.gateway.web.Intake;
import io.callpulse.gateway.web.RateLimiters;
import io.callpulse.gateway.web.Requests;
import io.callpulse.model.IngestHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * {@code POST /hooks/{sourceId}}: any configured webhook source to its own topic. The source's
 * validators all have to pass (401 credentials, 403 address, 400 missing JSON field); then its rate
 * limit (429); then 200 once Kafka acknowledged, or 503.
 */
public final class HookRoutes {
  public static final String ENDPOINT = "hooks";
  private static final String PATH = "/hooks/:sourceId";
  private static final String SOURCE = "cp.hooks.source";

  private final GatewayConfig config;
  private final Intake intake;
  private final Exchange exchange;
  private final Clock clock;
  private final Map<String, List<HookValidator>> validators = new HashMap<>();

  public HookRoutes(
      GatewayConfig config,
      RecordPublisher publisher,
      RateLimiters rateLimiters,
      Exchange exchange,
      Clock clock) {
    this.config = config;
    this.intake = new Intake(config, publisher, rateLimiters, exchange);
    this.exchange = exchange;
    this.clock = clock;
    config
        .sources()
        .forEach((id, source) -> validators.put(id, HookValidators.of(source.validators(), clock)));
  }

  public void mount(Router router) {
    intake.mount(router, PATH, this::precheck, this::handle);
  }

  private void precheck(RoutingContext ctx) {
    String sourceId = ctx.pathParam("sourceId");
    SourceConfig source = config.sources().get(sourceId);
    // unknown ids are not labelled by name: only configured sources become metric labels
    exchange.begin(ctx, ENDPOINT, source == null ? "unknown" : sourceId);
    if (source == null) {
      exchange.reject(ctx, Outcome.UNKNOWN_SOURCE, "no source '" + sourceId + "' is configured");
      return;
    }
    ctx.put(SOURCE, source);
    ctx.next();
  }

  private void handle(RoutingContext ctx) {
    SourceConfig source = ctx.get(SOURCE);
    long receivedAtMs = clock.millis();
    byte[] body = Intake.body(ctx);
    String sourceIp = Requests.sourceIp(ctx.request(), config.http().trustForwardedFor());
    HookRequest request = new HookRequest(ctx.request().headers(), body, sourceIp);
    List<String> passed = new ArrayList<>();
    for (HookValidator validator : validators.get(source.id())) {
      Refusal refusal = validator.check(request);
      if (refusal != null) {
        JsonObject reply =
            new JsonObject()
                .put("error", refusal.outcome().error())
                .put("problem", refusal.problem());
        if (refusal.field() != null) {
          reply.put("field", refusal.field());
        }
        exchange.reply(ctx, refusal.outcome(), reply);
        return;
      }
      passed.add(validator.type());
    }
    if (!intake.admit(ctx, ENDPOINT, source.rateLimit(), "source")) {
      return;
    }
    String ingestId = Exchange.newIngestId();
    String key = idempotencyKey(source, request);
    List<Header> headers =
        List.of(
            Intake.header(IngestHeaders.SOURCE_ID, source.id()),
            Intake.header(IngestHeaders.RECEIVED_AT_MS, Long.toString(receivedAtMs)),
            Intake.header(IngestHeaders.SOURCE_IP, sourceIp),
            Intake.header(
                IngestHeaders.SIGNATURE,
                passed.isEmpty() ? IngestHeaders.SIGNATURE_UNCHECKED : String.join(",", passed)),
            Intake.header(IngestHeaders.INGEST_ID, ingestId));
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            source.topic(),
            null,
            receivedAtMs,
            key == null ? null : IngestHeaders.utf8(key),
            body,
            headers);
    intake.publish(
        ctx,
        record,
        Outcome.ACCEPTED,
        Exchange.okBody(ingestId),
        "source " + source.id() + " ingest " + ingestId);
  }

  /** The header wins; then the JSON pointer (text as is, other values as JSON); else no key. */
  static String idempotencyKey(SourceConfig source, HookRequest request) {
    if (source.idempotencyHeader() != null) {
      String value = request.header(source.idempotencyHeader());
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    if (source.idempotencyPointer() != null && request.json() != null) {
      JsonNode value = request.json().at(JsonPointer.compile(source.idempotencyPointer()));
      if (!value.isMissingNode() && !value.isNull()) {
        return value.isTextual() ? value.textValue() : value.toString();
      }
    }
    return null;
  }
}
