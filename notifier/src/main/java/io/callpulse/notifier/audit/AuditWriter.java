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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Inserts audit rows into {@code webhook_deliveries} over ClickHouse's HTTP interface, one
 * JSONEachRow INSERT per batch (the attempts of one Kafka poll), synchronously ({@code
 * async_insert=0}): a 200 means the rows are stored, which is what the offset commit waits for.
 *
 * <p>It also says whether it can write ({@link #problem()}, for {@code /ready}): the last insert
 * failed, or the last {@link #probe()} could not see the table.
 */
public final class AuditWriter {

  static final DateTimeFormatter DATETIME64 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final HttpClient client;
  private final ClickHouseSettings settings;
  private final Clock clock;
  private final String uri;
  private final String probeUri;
  private final AtomicLong writeFailures = new AtomicLong();
  private volatile String writeProblem;
  private volatile String probeProblem = "not checked yet";

  public AuditWriter(HttpClient client, ClickHouseSettings settings, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.clock = clock;
    String insert = "INSERT INTO " + settings.database() + ".webhook_deliveries FORMAT JSONEachRow";
    this.uri =
        settings.url().replaceAll("/+$", "")
            + "/?async_insert=0&query="
            + URLEncoder.encode(insert, StandardCharsets.UTF_8);
    String exists = "EXISTS TABLE " + settings.database() + ".webhook_deliveries";
    this.probeUri =
        settings.url().replaceAll("/+$", "")
            + "/?query="
            + URLEncoder.encode(exists, StandardCharsets.UTF_8);
  }

  /** Why audit rows cannot be written now, or null when they can. */
  public String problem() {
    String write = writeProblem;
    return write != null ? write : probeProblem;
  }

  /** Failed inserts since start (each retry of a batch counts). */
  public long writeFailures() {
    return writeFailures.get();
  }

  /**
   * Asks ClickHouse, with the audit's credentials, whether {@code webhook_deliveries} exists: the
   * server answers, the user is accepted and the migration ran. Never fails; updates {@link
   * #problem()}.
   */
  public Future<Void> probe() {
    return exchange(HttpMethod.GET, probeUri, 5_000, null)
        .compose(
            text ->
                "1".equals(text)
                    ? Future.<Void>succeededFuture()
                    : Future.<Void>failedFuture(
                        settings.database() + ".webhook_deliveries does not exist"))
        .andThen(
            done ->
                probeProblem =
                    done.succeeded() ? null : "unreachable or refused: " + brief(done.cause()))
        .otherwiseEmpty();
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
    return exchange(HttpMethod.POST, uri, 30_000, body)
        .<Void>mapEmpty()
        .andThen(
            done -> {
              if (done.succeeded()) {
                writeProblem = null;
                probeProblem = null;
              } else {
                writeFailures.incrementAndGet();
                writeProblem = "audit insert failed: " + brief(done.cause());
              }
            });
  }

  /**
   * One request to ClickHouse's HTTP interface with the audit's credentials: the response text on
   * 200, otherwise a failure naming the status and ClickHouse's message.
   */
  private Future<String> exchange(HttpMethod method, String target, int timeoutMs, Buffer body) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setAbsoluteURI(target)
            .setTimeout(timeoutMs)
            .putHeader("X-ClickHouse-User", settings.user())
            .putHeader("X-ClickHouse-Key", settings.password());
    return client
        .request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(
            response ->
                response
                    .body()
                    .compose(
                        raw -> {
                          String text = raw.toString(StandardCharsets.UTF_8).strip();
                          return response.statusCode() == 200
                              ? Future.succeededFuture(text)
                              : Future.<String>failedFuture(
                                  "ClickHouse answered HTTP " + response.statusCode() + " " + text);
                        }));
  }

  private static String brief(Throwable cause) {
    String text = String.valueOf(cause.getMessage());
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
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
