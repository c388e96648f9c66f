package io.callpulse.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the query API's one YAML file (see {@code config/query-api.yaml}) and applies environment
 * overrides, so secrets (the ClickHouse password, API keys) can stay out of the file:
 *
 * <ul>
 *   <li>{@code CALLPULSE_API_HOST}, {@code CALLPULSE_API_PORT}
 *   <li>{@code CALLPULSE_CLICKHOUSE_HTTP_URL}, {@code CALLPULSE_CLICKHOUSE_DATABASE}, {@code
 *       CALLPULSE_CLICKHOUSE_USER}, {@code CALLPULSE_CLICKHOUSE_PASSWORD}
 *   <li>{@code CALLPULSE_API_KEYS_<APPID>=key1,key2} (adds that app's keys, replacing the file's)
 * </ul>
 */
public final class QueryApiConfigLoader {
  static final String KEYS_PREFIX = "CALLPULSE_API_KEYS_";
  private static final ObjectMapper YAML = new YAMLMapper();

  private QueryApiConfigLoader() {}

  public static QueryApiConfig load(Path file, Map<String, String> env) {
    JsonObject json = new JsonObject();
    if (file != null) {
      try {
        Object tree = YAML.readValue(Files.readString(file), Object.class);
        if (tree instanceof Map<?, ?> map) {
          json = new JsonObject(toJson(map).encode()); // deep copy: nested maps become JSON
        } else if (tree != null) {
          throw new IllegalArgumentException("the query API configuration must be a YAML mapping");
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the query API configuration " + file, e);
      }
    }
    return QueryApiConfig.fromJson(applyEnvironment(json, env));
  }

  static JsonObject applyEnvironment(JsonObject json, Map<String, String> env) {
    JsonObject clickHouse = json.getJsonObject("clickhouse", new JsonObject());
    put(json, "host", env.get("CALLPULSE_API_HOST"));
    if (env.get("CALLPULSE_API_PORT") != null) {
      json.put("port", Integer.parseInt(env.get("CALLPULSE_API_PORT").trim()));
    }
    put(clickHouse, "url", env.get("CALLPULSE_CLICKHOUSE_HTTP_URL"));
    put(clickHouse, "database", env.get("CALLPULSE_CLICKHOUSE_DATABASE"));
    put(clickHouse, "user", env.get("CALLPULSE_CLICKHOUSE_USER"));
    put(clickHouse, "password", env.get("CALLPULSE_CLICKHOUSE_PASSWORD"));
    json.put("clickhouse", clickHouse);
    JsonObject keys = json.getJsonObject("apiKeys", new JsonObject());
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      if (e.getKey().startsWith(KEYS_PREFIX) && e.getKey().length() > KEYS_PREFIX.length()) {
        String app = e.getKey().substring(KEYS_PREFIX.length());
        keys.put(
            app, new JsonArray(Arrays.stream(e.getValue().split(",")).map(String::trim).toList()));
      }
    }
    json.put("apiKeys", keys);
    return json;
  }

  private static void put(JsonObject json, String key, String value) {
    if (value != null && !value.isBlank()) {
      json.put(key, value.trim());
    }
  }

  @SuppressWarnings("unchecked")
  private static JsonObject toJson(Map<?, ?> map) {
    return new JsonObject((Map<String, Object>) map);
  }
}
