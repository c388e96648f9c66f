package io.callpulse.gateway.stats;

import io.callpulse.gateway.config.GatewayConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * INSERTs a batch over ClickHouse's HTTP interface as {@code JSONEachRow}, the statement in {@code
 * ?query=}. Each insert is synchronous ({@code async_insert=0}) and carries the batch's {@code
 * insert_deduplication_token}: with the table setting {@code non_replicated_deduplication_window}
 * (see the module README) a repeated token is acknowledged without storing the rows again.
 */
final class ClickHouseStatsSink implements StatsSink {
  static final String TABLE = "ingest_stats_minute";
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final int MAX_ERROR_CHARS = 500;

  private final GatewayConfig.ClickHouse clickHouse;
  private final Duration timeout;
  private final HttpClient client;
  private final String insert;

  ClickHouseStatsSink(GatewayConfig.ClickHouse clickHouse, Duration timeout) {
    this.clickHouse = clickHouse;
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
    this.insert =
        "INSERT INTO "
            + clickHouse.database()
            + "."
            + TABLE
            + " (app_id, source_id, minute, outcome, requests) FORMAT JSONEachRow";
  }

  @Override
  public void insert(String sourceId, StatsBatch batch) throws IOException, InterruptedException {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("query", insert);
    params.put("insert_deduplication_token", batch.token());
    params.put("insert_deduplicate", "1");
    params.put("async_insert", "0");
    String query =
        params.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(clickHouse.url() + "/?" + query))
            .timeout(timeout)
            .header("X-ClickHouse-User", clickHouse.user())
            .header("X-ClickHouse-Key", clickHouse.password())
            .POST(HttpRequest.BodyPublishers.ofString(body(sourceId, batch)))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      String error = response.body().strip();
      throw new IOException(
          "ClickHouse "
              + clickHouse.url()
              + " answered "
              + response.statusCode()
              + ": "
              + error.substring(0, Math.min(MAX_ERROR_CHARS, error.length())));
    }
  }

  static String body(String sourceId, StatsBatch batch) {
    String minute = MINUTE.format(Instant.ofEpochSecond(batch.epochMinute()));
    StringBuilder body = new StringBuilder();
    for (StatsBatch.Row row : batch.minute().rows()) {
      body.append(
              new JsonObject()
                  .put("app_id", row.appId())
                  .put("source_id", sourceId)
                  .put("minute", minute)
                  .put("outcome", row.outcome())
                  .put("requests", row.requests())
                  .encode())
          .append('\n');
    }
    return body.toString();
  }
}
