package io.callpulse.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs read-only queries over ClickHouse's HTTP interface without blocking the event loop.
 *
 * <p>User input travels only as ClickHouse query parameters: the SQL names {@code {name:Type}} and
 * the value goes in the URL as {@code param_name}; the server parses it as a value of that type, so
 * it can never become SQL. Every query also runs with {@code readonly=2}, so even a mistake in this
 * package cannot change data.
 */
final class ClickHouseReader {

  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseReader.class);

  private final WebClient client;
  private final QueryApiConfig config;

  ClickHouseReader(WebClient client, QueryApiConfig config) {
    this.client = client;
    this.config = config;
  }

  /** The rows of {@code sql} as JSON objects (DateTime as ISO-8601 UTC, UInt64 as numbers). */
  Future<List<JsonObject>> rows(String sql, Map<String, Object> parameters) {
    HttpRequest<Buffer> request =
        client
            .postAbs(config.clickHouseUrl() + "/")
            .addQueryParam("database", config.database())
            .addQueryParam("default_format", "JSON")
            .addQueryParam("readonly", "2")
            .addQueryParam("date_time_output_format", "iso")
            .addQueryParam("output_format_json_quote_64bit_integers", "0")
            .addQueryParam("max_execution_time", Integer.toString(config.queryTimeoutSeconds()))
            .putHeader("X-ClickHouse-User", config.user())
            .putHeader("X-ClickHouse-Key", config.password())
            // ClickHouse stops the query at max_execution_time; this bounds a stalled connection
            .idleTimeout((config.queryTimeoutSeconds() + 5) * 1000L);
    parameters.forEach(
        (name, value) -> request.addQueryParam("param_" + name, String.valueOf(value)));
    return request
        .sendBuffer(Buffer.buffer(sql))
        .recover(
            failure -> {
              LOG.warn(
                  "ClickHouse unreachable at {}: {}", config.clickHouseUrl(), failure.toString());
              return Future.failedFuture(ApiException.unavailable("storage is not reachable"));
            })
        .compose(
            response -> {
              if (response.statusCode() != 200) {
                LOG.warn(
                    "ClickHouse answered {}: {}",
                    response.statusCode(),
                    response.bodyAsString().strip());
                return Future.failedFuture(ApiException.unavailable("storage query failed"));
              }
              return Future.succeededFuture(
                  response.bodyAsJsonObject().getJsonArray("data").stream()
                      .map(JsonObject.class::cast)
                      .toList());
            });
  }
}
