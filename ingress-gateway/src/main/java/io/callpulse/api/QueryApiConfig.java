package io.callpulse.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the query API.
 *
 * @param host interface to listen on
 * @param port port to listen on (0: any free port)
 * @param clickHouseUrl ClickHouse HTTP interface, {@code http://host:8123}
 * @param database the CallPulse database
 * @param user ClickHouse user, ideally one that may only read
 * @param password its password; never printed
 * @param apiKeys per app id, the API keys that may read that app's data (Bearer tokens)
 * @param maxPerPage largest {@code per_page} a client may ask for
 * @param maxRows most sessions or concurrency steps one response carries before it says truncated
 * @param queryTimeoutSeconds ClickHouse's {@code max_execution_time} for every query
 */
public record QueryApiConfig(
    String host,
    int port,
    String clickHouseUrl,
    String database,
    String user,
    String password,
    Map<String, List<String>> apiKeys,
    int maxPerPage,
    int maxRows,
    int queryTimeoutSeconds) {

  public static final int DEFAULT_PORT = 8081;
  public static final int DEFAULT_PER_PAGE = 50;

  public QueryApiConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (clickHouseUrl == null || !clickHouseUrl.matches("https?://.+")) {
      throw new IllegalArgumentException(
          "clickHouseUrl must be the HTTP interface, e.g. http://localhost:8123, got "
              + clickHouseUrl);
    }
    clickHouseUrl = clickHouseUrl.replaceAll("/+$", "");
    if (database == null || !database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("database must be a plain identifier, got " + database);
    }
    if (maxPerPage < 1 || maxRows < 1 || queryTimeoutSeconds < 1) {
      throw new IllegalArgumentException(
          "maxPerPage, maxRows and queryTimeoutSeconds must be >= 1");
    }
    user = user == null || user.isEmpty() ? "default" : user;
    password = password == null ? "" : password;
    Map<String, List<String>> keys = new LinkedHashMap<>();
    apiKeys.forEach(
        (app, list) -> {
          if (list.stream().anyMatch(key -> key == null || key.length() < 16)) {
            throw new IllegalArgumentException("API keys of app " + app + " must be >= 16 chars");
          }
          keys.put(app, List.copyOf(list));
        });
    apiKeys = Map.copyOf(keys);
  }

  /** Defaults (any interface, port 8081, 500 per page, 10 000 rows, 30 s) for the rest. */
  public static QueryApiConfig of(
      String clickHouseUrl,
      String database,
      String user,
      String password,
      Map<String, List<String>> apiKeys) {
    return new QueryApiConfig(
        "0.0.0.0", DEFAULT_PORT, clickHouseUrl, database, user, password, apiKeys, 500, 10_000, 30);
  }

  public QueryApiConfig withListen(String newHost, int newPort) {
    return new QueryApiConfig(
        newHost,
        newPort,
        clickHouseUrl,
        database,
        user,
        password,
        apiKeys,
        maxPerPage,
        maxRows,
        queryTimeoutSeconds);
  }

  /**
   * Reads the verticle's JSON config: {@code host}, {@code port}, {@code clickhouse: {url,
   * database, user, password}}, {@code apiKeys: {appId: [key, ...]}}, {@code maxPerPage}, {@code
   * maxRows}, {@code queryTimeoutSeconds}.
   */
  public static QueryApiConfig fromJson(JsonObject json) {
    JsonObject clickHouse = json.getJsonObject("clickhouse", new JsonObject());
    Map<String, List<String>> keys = new LinkedHashMap<>();
    JsonObject apiKeys = json.getJsonObject("apiKeys", new JsonObject());
    for (String app : apiKeys.fieldNames()) {
      JsonArray list = apiKeys.getJsonArray(app);
      keys.put(app, list.stream().map(String::valueOf).toList());
    }
    return new QueryApiConfig(
        json.getString("host", "0.0.0.0"),
        json.getInteger("port", DEFAULT_PORT),
        clickHouse.getString("url", "http://localhost:8123"),
        clickHouse.getString("database", "callpulse"),
        clickHouse.getString("user", "default"),
        clickHouse.getString("password", ""),
        keys,
        json.getInteger("maxPerPage", 500),
        json.getInteger("maxRows", 10_000),
        json.getInteger("queryTimeoutSeconds", 30));
  }

  @Override
  public String toString() {
    return "QueryApiConfig[host="
        + host
        + ", port="
        + port
        + ", clickHouseUrl="
        + clickHouseUrl
        + ", database="
        + database
        + ", user="
        + user
        + ", password=<redacted>, apiKeys="
        + apiKeys.keySet()
        + " (keys redacted), maxPerPage="
        + maxPerPage
        + ", maxRows="
        + maxRows
        + ", queryTimeoutSeconds="
        + queryTimeoutSeconds
        + "]";
  }
}
