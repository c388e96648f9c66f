package io.callpulse.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callpulse.gateway.config.GatewayConfig;
import io.callpulse.gateway.config.GatewayConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starting a gateway on port 0 and talking to it, for the Vert.x tests and the ITs. */
public final class TestGateways {
  public static final String APP = "0123456789abcdef0123456789abcdef";
  public static final String SECRET = "secret";

  private TestGateways() {}

  /** A closed registry with {@link #APP} signed by {@link #SECRET} for RTC, plus {@code extra}. */
  public static String yaml(String bootstrap, String topic, String extra) {
    return "http:\n  port: 0\n  host: 127.0.0.1\n  shutdownTimeoutMs: 3000\n"
        + "kafka:\n  bootstrap: "
        + bootstrap
        + "\n  topic: "
        + topic
        + "\n  deadlineMs: 1500\n  retryAfterSeconds: 7\n  readyCheckIntervalMs: 500\n"
        + "apps:\n  closed: true\n  "
        + APP
        + ":\n    secrets: {\"1\": [\""
        + SECRET
        + "\"], \"17\": [\"cai-secret\"]}\n"
        + extra;
  }

  public static GatewayConfig config(String yaml) {
    return GatewayConfigLoader.parse(yaml, Map.of());
  }

  public static Gateway start(Vertx vertx, GatewayConfig config) {
    return await(Gateway.start(vertx, config, 2));
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  /** A port nothing listens on: Kafka "down". */
  public static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static HttpResponse<Buffer> post(
      WebClient client, int port, String path, byte[] body, MultiMap headers) {
    return await(
        client.post(port, "127.0.0.1", path).putHeaders(headers).sendBuffer(Buffer.buffer(body)));
  }

  /** Polls {@code path} until it answers {@code status} (fails after a minute). */
  public static void awaitStatus(WebClient client, int port, String path, int status)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      last = await(client.get(port, "127.0.0.1", path).send()).statusCode();
      if (last == status) {
        return;
      }
      Thread.sleep(200);
    }
    assertEquals(status, last, path);
  }

  /** JSON content type and both Agora signatures with {@code secret}. */
  public static MultiMap signed(String secret, byte[] body) {
    return MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/json")
        .add("Agora-Signature-V2", NcsBodies.v2(secret, body))
        .add("Agora-Signature", NcsBodies.v1(secret, body));
  }

  public static MultiMap json() {
    return MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
  }
}
