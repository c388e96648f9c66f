package io.callpulse.simulator.compare;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@link ApiFigures.Api} over HTTP ({@code java.net.http}): {@code Authorization: Bearer <key>}
 * with the key of the app in the path; 404 is an empty answer, any other non-200 an error.
 */
public final class QueryApiClient implements ApiFigures.Api {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String baseUrl;
  private final Map<String, String> keys;

  /**
   * @param baseUrl e.g. {@code http://127.0.0.1:18082}
   * @param keys app id → API key
   */
  public QueryApiClient(String baseUrl, Map<String, String> keys) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.keys = Map.copyOf(keys);
  }

  @Override
  public JsonObject get(String appId, String pathAndQuery) throws IOException {
    String key = keys.get(appId);
    if (key == null) {
      throw new IllegalArgumentException("no query API key for app " + appId);
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + key)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + pathAndQuery, e);
    }
    if (response.statusCode() == 404) {
      return null;
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "query API answered "
              + response.statusCode()
              + " for "
              + pathAndQuery
              + ": "
              + response.body().strip());
    }
    return new JsonObject(response.body());
  }
}
