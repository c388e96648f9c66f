package io.callpulse.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Statements over ClickHouse's HTTP interface, authenticated with the given user. */
final class ClickHouseHttp {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

  private final HttpClient client;
  private final int port;
  private final String user;
  private final String password;

  ClickHouseHttp(int port, String user, String password) {
    this.port = port;
    this.user = user;
    this.password = password;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** True when {@code GET /ping} answers {@code Ok.}; never throws. */
  boolean ping() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping"))
              .timeout(PING_TIMEOUT)
              .GET()
              .build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().strip().equals("Ok.");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Runs {@code sql} in {@code database} ({@code null}: the user's default) and returns the body.
   * {@code wait_end_of_query} buffers the answer, so an error half-way still gets an error status.
   */
  String send(String sql, String database, Map<String, String> settings) {
    Map<String, String> params = new LinkedHashMap<>(settings);
    params.put("wait_end_of_query", "1");
    if (database != null) {
      params.put("database", database);
    }
    String query =
        params.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?" + query))
            .timeout(TIMEOUT)
            .header("X-ClickHouse-User", user)
            .header("X-ClickHouse-Key", password)
            .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> response = exchange(request, sql);
    if (response.statusCode() != 200) {
      throw new ClickHouseQueryException(response.statusCode(), sql, response.body());
    }
    return response.body();
  }

  /**
   * Sends the request; once more if the first attempt went out on a pooled connection the server
   * had already closed. The server closes connections idle for 1 s (keep_alive_timeout, so its
   * shutdown is quick) while the JDK client keeps them far longer, and a request written to such a
   * connection gets no byte back (seen in CI: "header parser received no bytes" on a CREATE
   * DATABASE). The server never read it, and the client does not retry a POST by itself.
   */
  private HttpResponse<String> exchange(HttpRequest request, String sql) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        if (attempt == 1 && closedWhileIdle(e)) {
          continue;
        }
        throw new ClickHouseQueryException(0, sql, "no answer from 127.0.0.1:" + port + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while running " + sql, e);
      }
    }
  }

  private static boolean closedWhileIdle(IOException e) {
    return e.getClass().getSimpleName().equals("ConnectionExpiredException")
        || String.valueOf(e.getMessage()).contains("header parser received no bytes");
  }

  List<List<String>> query(String sql, String database) {
    return TabSeparated.parse(send(sql, database, Map.of("default_format", "TabSeparated")));
  }
}
