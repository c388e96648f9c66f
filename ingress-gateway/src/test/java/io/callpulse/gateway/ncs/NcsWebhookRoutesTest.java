package io.callpulse.gateway.ncs;

import static io.callpulse.gateway.TestGateways.APP;
import static io.callpulse.gateway.TestGateways.SECRET;
import static io.callpulse.gateway.TestGateways.await;
import static io.callpulse.gateway.TestGateways.json;
import static io.callpulse.gateway.TestGateways.post;
import static io.callpulse.gateway.TestGateways.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.gateway.Gateway;
import io.callpulse.gateway.NcsBodies;
import io.callpulse.gateway.TestGateways;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every refusal of the NCS endpoint, against a gateway whose Kafka is down: a refused request never
 * needs Kafka, and a valid one must end in 503 + Retry-After, never hang or 500.
 */
@ExtendWith(VertxExtension.class)
class NcsWebhookRoutesTest {
  private Gateway gateway;
  private WebClient client;
  private int port;

  @BeforeEach
  void start(Vertx vertx) {
    String yaml =
        TestGateways.yaml(
            "127.0.0.1:" + TestGateways.closedPort(),
            "t",
            "  limited:\n    secrets: {\"*\": [\"x\"]}\n    rateLimit: {perSecond: 1, burst: 2}\n"
                + "  loose:\n    signature: optional\n    secrets: {\"1\": [\"loose\"]}\n");
    gateway = TestGateways.start(vertx, TestGateways.config(yaml));
    port = gateway.port();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    await(gateway.stop());
  }

  private HttpResponse<Buffer> ncs(String appId, byte[] body, MultiMap headers) {
    return post(client, port, "/" + appId + "/webhooks", body, headers);
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String error) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals("application/json", response.getHeader("Content-Type"));
    assertEquals(error, response.bodyAsJsonObject().getString("error"), response.bodyAsString());
  }

  @Test
  void unknownAppIs404InAClosedRegistry() {
    byte[] body = NcsBodies.hostJoins("c", 1);
    assertError(ncs("nobody", body, signed(SECRET, body)), 404, "unknown_app");
  }

  @Test
  void nonJsonContentTypeIs415() {
    byte[] body = NcsBodies.hostJoins("c", 1);
    MultiMap headers = signed(SECRET, body).set("Content-Type", "text/plain");
    assertError(ncs(APP, body, headers), 415, "unsupported_media_type");
    assertError(
        ncs(APP, body, signed(SECRET, body).remove("Content-Type")), 415, "unsupported_media_type");
    HttpResponse<Buffer> charset =
        ncs(APP, body, signed(SECRET, body).set("Content-Type", "application/json; charset=utf-8"));
    assertEquals(503, charset.statusCode(), "a JSON type with parameters is JSON");
  }

  @Test
  void bodyOverTheLimitIs413() {
    byte[] big = new byte[64 * 1024 + 1];
    Arrays.fill(big, (byte) ' ');
    assertError(ncs(APP, big, signed(SECRET, big)), 413, "payload_too_large");
  }

  @Test
  void missingOrWrongSignatureIs401() {
    byte[] body = NcsBodies.hostJoins("c", 1);
    assertError(ncs(APP, body, json()), 401, "unauthorized");
    assertError(ncs(APP, body, signed("wrong", body)), 401, "unauthorized");
    byte[] other = NcsBodies.hostJoins("c", 2);
    assertError(ncs(APP, body, signed(SECRET, other)), 401, "unauthorized");
    // the RTC secret does not sign Conversational AI notifications
    byte[] cai = NcsBodies.conversationalAi();
    assertError(ncs(APP, cai, signed(SECRET, cai)), 401, "unauthorized");
  }

  @Test
  void invalidFieldIs400NamingTheField() {
    byte[] body =
        new String(NcsBodies.hostJoins("c", 1), StandardCharsets.UTF_8)
            .replace("\"uid\":1,", "\"uid\":\"one\",")
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<Buffer> response = ncs(APP, body, signed(SECRET, body));
    assertError(response, 400, "invalid_field");
    JsonObject json = response.bodyAsJsonObject();
    assertEquals("payload.uid", json.getString("field"));
    assertEquals("must be an integer", json.getString("problem"));

    byte[] truncated = Arrays.copyOf(body, body.length / 2);
    HttpResponse<Buffer> cut = ncs(APP, truncated, signed(SECRET, truncated));
    assertError(cut, 400, "invalid_field");
    assertEquals("body", cut.bodyAsJsonObject().getString("field"));
  }

  @Test
  void overTheRateIs429WithRetryAfter() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    MultiMap headers = signed("x", body);
    assertEquals(400, ncs("limited", body, headers).statusCode());
    assertEquals(400, ncs("limited", body, headers).statusCode());
    HttpResponse<Buffer> limited = ncs("limited", body, headers);
    assertError(limited, 429, "rate_limited");
    assertTrue(Long.parseLong(limited.getHeader("Retry-After")) >= 1);
    // unauthenticated requests do not spend the app's tokens
    assertEquals(401, ncs("limited", body, json()).statusCode());
  }

  @Test
  void kafkaDownIs503WithRetryAfterAndNotReady() {
    byte[] body = NcsBodies.hostJoins("c", 1);
    HttpResponse<Buffer> response = ncs(APP, body, signed(SECRET, body));
    assertError(response, 503, "unavailable");
    assertEquals("7", response.getHeader("Retry-After"));
    HttpResponse<Buffer> ready = await(client.get(port, "127.0.0.1", "/ready").send());
    assertEquals(503, ready.statusCode());
    assertEquals("not_ready", ready.bodyAsJsonObject().getString("status"));
    // optional signatures: an unsigned request passes the check and reaches the (down) Kafka
    assertEquals(503, ncs("loose", body, json()).statusCode());
    assertEquals(401, ncs("loose", body, signed("wrong", body)).statusCode());
  }

  @Test
  void opsEndpointsAnswerWithSecurityHeaders() {
    ncs("nobody", "{}".getBytes(StandardCharsets.UTF_8), json());
    HttpResponse<Buffer> health = await(client.get(port, "127.0.0.1", "/health").send());
    assertEquals(200, health.statusCode());
    assertEquals("nosniff", health.getHeader("X-Content-Type-Options"));
    assertEquals("DENY", health.getHeader("X-Frame-Options"));

    String metrics = await(client.get(port, "127.0.0.1", "/metrics").send()).bodyAsString();
    assertTrue(
        metrics.contains(
            "callpulse_gateway_requests_total{app=\"nobody\",endpoint=\"ncs\",outcome=\"unknown_app\",status=\"404\"} 1.0"),
        metrics);
    assertTrue(metrics.contains("callpulse_gateway_request_seconds_bucket"), metrics);
    assertTrue(metrics.contains("callpulse_gateway_kafka_in_flight"), metrics);

    JsonObject stats = await(client.get(port, "127.0.0.1", "/stats").send()).bodyAsJsonObject();
    assertEquals(
        1L,
        stats
            .getJsonObject("endpoints")
            .getJsonObject("ncs")
            .getJsonObject("nobody")
            .getJsonObject("unknown_app")
            .getLong("lastMinute"));
    assertEquals(404, await(client.get(port, "127.0.0.1", "/nothing").send()).statusCode());
  }
}
