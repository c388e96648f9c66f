package io.callpulse.notifier;

import static io.callpulse.notifier.NotifierIT.SECRET;
import static io.callpulse.notifier.NotifierIT.awaitTrue;
import static io.callpulse.notifier.NotifierIT.epochClosed;
import static io.callpulse.notifier.NotifierIT.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.notifier.TestReceiver.Reply;
import io.callpulse.notifier.config.ConfigLoader;
import io.callpulse.notifier.event.Json;
import io.callpulse.notifier.event.OutboundEvent;
import io.callpulse.testsupport.ClickHouseDatabase;
import io.callpulse.testsupport.KafkaBroker;
import io.callpulse.testsupport.RealClickHouse;
import io.callpulse.testsupport.RealKafka;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ops server of a running notifier (real Kafka, ClickHouse and receiver): liveness, readiness
 * and the Prometheus meters, and readiness failing (liveness not) while ClickHouse is unreachable.
 */
@RealKafka
@RealClickHouse
class NotifierOpsIT {

  static final String PASSWORD_ENV = "NOTIFIER_OPS_IT_CLICKHOUSE_PASSWORD";

  @TempDir Path dir;
  String topic;
  TestReceiver receiver;
  NotifierService service;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void schema(ClickHouseDatabase db) throws Exception {
    NotifierIT.schema(db);
  }

  @BeforeEach
  void topic(KafkaBroker kafka) throws Exception {
    topic = "notifications-" + UUID.randomUUID();
    kafka.createTopic(topic, 1);
    receiver = TestReceiver.start(List.of(SECRET), (id, nth) -> Reply.ok());
  }

  @AfterEach
  void stop() throws Exception {
    if (service != null) {
      service.stop(Duration.ofSeconds(10));
    }
    receiver.close();
  }

  @Test
  void healthReadyAndMetricsOfAConsumingNotifier(KafkaBroker kafka, ClickHouseDatabase db)
      throws Exception {
    // the password reaches the notifier through clickhouse.passwordEnv, never through the file
    Path config = writeConfig(kafka, "http://127.0.0.1:" + db.server().httpPort(), db);
    service = start(config, Map.of(PASSWORD_ENV, db.password()));

    assertEquals(200, get("/health").statusCode());
    awaitTrue(() -> get("/ready").statusCode() == 200, () -> get("/ready").body());
    JsonObject ready = new JsonObject(get("/ready").body());
    assertEquals("up", ready.getString("kafka"), ready.encode());
    assertEquals("up", ready.getString("clickhouse"), ready.encode());

    OutboundEvent event = epochClosed("app1", "ops-1");
    produce(kafka, topic, List.of(Json.write(event)));
    awaitTrue(() -> receiver.delivered().contains(event.eventId()), () -> "not delivered");
    awaitTrue(
        () -> metric("callpulse_notifier_deliveries_total{outcome=\"delivered\"}") == 1.0,
        () -> get("/metrics").body());

    HttpResponse<String> metrics = get("/metrics");
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
    assertEquals(0.0, metric("callpulse_notifier_deliveries_total{outcome=\"retry\"}"));
    assertEquals(1.0, metric("callpulse_notifier_records_consumed_total{tier=\"main\"}"));
    assertEquals(1.0, metric("callpulse_notifier_attempt_seconds_count{outcome=\"delivered\"}"));
    assertTrue(metrics.body().contains("callpulse_notifier_attempt_seconds_bucket{"));
    assertEquals(1.0, metric("callpulse_notifier_subscriptions{state=\"active\"}"));
    assertEquals(0.0, metric("callpulse_notifier_deliveries_in_flight"));
    assertEquals(0.0, metric("callpulse_notifier_circuits_open"));
    assertEquals(0.0, metric("callpulse_notifier_audit_write_failures_total"));
    assertEquals(0.0, metric("callpulse_notifier_subscription_reload_failures_total"));
  }

  @Test
  void notReadyButAliveWhileClickHouseIsUnreachable(KafkaBroker kafka, ClickHouseDatabase db)
      throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Path config = writeConfig(kafka, "http://127.0.0.1:" + closedPort, db);
    service = start(config, Map.of(PASSWORD_ENV, "secret-not-to-be-shown"));

    awaitTrue(
        () -> {
          HttpResponse<String> r = get("/ready");
          JsonObject body = new JsonObject(r.body());
          return r.statusCode() == 503
              && "up".equals(body.getString("kafka"))
              && body.getString("clickhouse").startsWith("unreachable");
        },
        () -> get("/ready").body());
    assertEquals(200, get("/health").statusCode(), "liveness must not depend on ClickHouse");

    // a delivery is attempted, its audit cannot be written: the notifier waits, still alive
    OutboundEvent event = epochClosed("app1", "ops-2");
    produce(kafka, topic, List.of(Json.write(event)));
    awaitTrue(
        () -> metric("callpulse_notifier_audit_write_failures_total") >= 1.0,
        () -> get("/metrics").body());
    HttpResponse<String> ready = get("/ready");
    assertEquals(503, ready.statusCode());
    assertTrue(ready.body().contains("audit insert failed"), ready.body());
    assertFalse(ready.body().contains("secret-not-to-be-shown"), ready.body());
    assertEquals(0.0, metric("callpulse_notifier_deliveries_total{outcome=\"delivered\"}"));
    assertEquals(200, get("/health").statusCode());
  }

  @Test
  void notReadyWhileItsBrokerIsGoneAndReadyAgainWhenItIsBack(ClickHouseDatabase db)
      throws Exception {
    // Its own broker: the shared one must not stop under the other tests.
    try (KafkaBroker own = KafkaBroker.startIn(dir.resolve("own-kafka"))) {
      own.createTopic(topic, 1);
      Path config = writeConfig(own, "http://127.0.0.1:" + db.server().httpPort(), db);
      service = start(config, Map.of(PASSWORD_ENV, db.password()));
      awaitTrue(() -> get("/ready").statusCode() == 200, () -> get("/ready").body());

      // Assigned and polling (empty): only the lost connections can tell.
      own.stop();
      awaitTrue(
          () -> {
            HttpResponse<String> r = get("/ready");
            return r.statusCode() == 503
                && new JsonObject(r.body()).getString("kafka").startsWith("no connection to Kafka");
          },
          () -> get("/ready").body());
      assertEquals(200, get("/health").statusCode(), "liveness must not depend on Kafka");

      own.start();
      awaitTrue(() -> get("/ready").statusCode() == 200, () -> get("/ready").body());
    }
  }

  NotifierService start(Path config, Map<String, String> environment) {
    return NotifierService.start(
        new ConfigLoader(environment).load(config), config, Clock.systemUTC());
  }

  HttpResponse<String> get(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.opsPort() + path))
              .timeout(Duration.ofSeconds(5))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(path + ": " + e, e);
    }
  }

  /** The value of one exposition line, e.g. {@code name{label="v"}}; -1 when absent. */
  double metric(String series) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$")
            .matcher(get("/metrics").body());
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  Path writeConfig(KafkaBroker kafka, String clickhouseUrl, ClickHouseDatabase db)
      throws Exception {
    Path file = dir.resolve("notifier.yaml");
    Files.writeString(
        file,
        TestConfigs.connections(kafka, topic, clickhouseUrl, db, "passwordEnv: " + PASSWORD_ENV)
            + String.join("\n", "delivery:", "  backoffMs: [200]", "subscriptions:", "")
            + TestConfigs.subscription(
                "crm", "app1", receiver.url(), "channel.epoch.closed", SECRET));
    return file;
  }
}
