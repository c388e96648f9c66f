package io.callpulse.simulator.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.callpulse.simulator.compare.FigureComparison.Row;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP side against a local server that answers like the query API (recorded bodies). */
class QueryApiClientTest {
  private static final String KEY = "demo-key-1-local-only";
  private HttpServer server;
  private String baseUrl;

  @BeforeEach
  void start() throws IOException {
    Map<String, JsonObject> answers = ApiFiguresTest.recordedAnswers();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/",
        exchange -> {
          String path = exchange.getRequestURI().getRawPath();
          String query = exchange.getRequestURI().getRawQuery();
          JsonObject answer = answers.get(query == null ? path : path + "?" + query);
          int status;
          String body;
          if (!("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            status = 401;
            body = "{\"error\":\"unauthorized\",\"message\":\"missing or wrong API key\"}";
          } else if (answer == null) {
            status = 404;
            body = "{\"error\":\"not_found\",\"message\":\"unknown channel\"}";
          } else {
            status = 200;
            body = answer.encode();
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void readsEveryFigureOverHttpWithTheAppsKey() throws IOException {
    QueryApiClient client = new QueryApiClient(baseUrl, Map.of(ApiFiguresTest.APP, KEY));

    List<Row> rows =
        FigureComparison.compare(
            ApiFiguresTest.EXPECTED, ApiFigures.read(client, ApiFiguresTest.EXPECTED));

    assertTrue(FigureComparison.allMatch(rows), rows::toString);
  }

  @Test
  void notFoundIsEmptyAndAWrongKeyIsAnError() throws IOException {
    QueryApiClient client = new QueryApiClient(baseUrl, Map.of(ApiFiguresTest.APP, KEY));
    assertNull(client.get(ApiFiguresTest.APP, "/api/channel/demo-app-1/nowhere"));

    QueryApiClient wrong = new QueryApiClient(baseUrl, Map.of(ApiFiguresTest.APP, "nope"));
    IOException e =
        assertThrows(
            IOException.class, () -> wrong.get(ApiFiguresTest.APP, ApiFiguresTest.LIST_PATH));
    assertTrue(e.getMessage().contains("401"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> client.get("other-app", "/api/x"));
    assertEquals(
        "room 1",
        client.get(ApiFiguresTest.APP, ApiFiguresTest.CHANNEL_PATH).getString("channel_name"));
  }
}
