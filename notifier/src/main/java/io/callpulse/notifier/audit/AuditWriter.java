package io.callpulse.notifier.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callpulse.notifier.config.ClickHouseSettings;
import io.callpulse.notifier.event.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Inserts audit rows into {@code webhook_deliveries} over ClickHouse's HTTP interface, one
 * JSONEachRow INSERT per batch (the attempts of one Kafka poll), synchronously ({@code
 * async_insert=0}): a 200 means the rows are stored, which is what the offset commit waits for.
 */
public final class AuditWriter {

  static final DateTimeFormatter DATETIME64 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final HttpClient client;
  private final ClickHouseSettings settings;
  private final Clock clock;
  private final String uri;

  public AuditWriter(HttpClient client, ClickHouseSettings settings, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.clock = clock;
    String insert = "INSERT INTO " + settings.database() + ".webhook_deliveries FORMAT JSONEachRow";
    this.uri =
        settings.url().replaceAll("/+$", "")
            + "/?async_insert=0&query="
            + URLEncoder.encode(insert, StandardCharsets.UTF_8);
  }

  public Future<Void> write(List<AuditRow> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    // later writes of the same attempt (a retried batch, a replay after a crash) must win
    Instant now = clock.instant();
    long version = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    Buffer body = Buffer.buffer();
    for (AuditRow row : rows) {
      body.appendBytes(Json.write(json(row, version))).appendByte((byte) '\n');
    }
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(uri)
            .setTimeout(30_000)
            .putHeader("X-ClickHouse-User", settings.user())
            .putHeader("X-ClickHouse-Key", settings.password());
    return client
        .request(options)
        .compose(request -> request.send(body))
        .compose(
            response ->
                response
                    .body()
                    .compose(
                        text ->
                            response.statusCode() == 200
                                ? Future.<Void>succeededFuture()
                                : Future.failedFuture(
                                    "ClickHouse refused the audit rows: HTTP "
                                        + response.statusCode()
                                        + " "
                                        + text.toString(StandardCharsets.UTF_8).strip())));
  }

  private static ObjectNode json(AuditRow row, long version) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("subscription_id", row.subscriptionId());
    json.put("event_id", row.eventId());
    json.put("attempt", row.attempt());
    json.put("app_id", row.appId());
    json.put("event_type", row.eventType());
    json.put("url", row.url());
    json.put("status_code", row.statusCode());
    json.put("outcome", row.outcome());
    json.put("latency_ms", Math.min(row.latencyMs(), 0xFFFF_FFFFL));
    json.put("error", row.error());
    json.put("at", format(row.at()));
    if (row.nextAttemptAt().isPresent()) {
      json.put("next_attempt_at", format(row.nextAttemptAt().get()));
    } else {
      json.putNull("next_attempt_at");
    }
    json.put("version", version);
    return json;
  }

  private static String format(Instant instant) {
    return DATETIME64.format(instant);
  }
}
