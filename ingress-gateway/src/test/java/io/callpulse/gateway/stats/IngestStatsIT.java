package io.callpulse.gateway.stats;

import static io.callpulse.gateway.TestGateways.APP;
import static io.callpulse.gateway.TestGateways.SECRET;
import static io.callpulse.gateway.TestGateways.await;
import static io.callpulse.gateway.TestGateways.post;
import static io.callpulse.gateway.TestGateways.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.api.CallPulseSchema;
import io.callpulse.gateway.Gateway;
import io.callpulse.gateway.NcsBodies;
import io.callpulse.gateway.TestGateways;
import io.callpulse.gateway.config.GatewayConfig;
import io.callpulse.testsupport.ClickHouseDatabase;
import io.callpulse.testsupport.KafkaBroker;
import io.callpulse.testsupport.RealClickHouse;
import io.callpulse.testsupport.RealKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real webhooks through a gateway that writes {@code ingest_stats_minute} to a real ClickHouse
 * (schema from sinks' migrations plus the dedup window), and retries against it.
 */
@RealKafka
@RealClickHouse
class IngestStatsIT {
  private static ClickHouseDatabase db;
  private KafkaBroker kafka;
  private Vertx vertx;
  private WebClient client;

  @BeforeAll
  static void schema(ClickHouseDatabase database) {
    db = database;
    CallPulseSchema.create(db); // all migrations, V011's dedup window included
  }

  @BeforeEach
  void start(KafkaBroker kafka) {
    this.kafka = kafka;
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  private Gateway gateway(String sourceId, String clickHouseUrl) {
    String stats =
        "ingestStats:\n  sourceId: "
            + sourceId
            + "\n  insertTimeoutMs: 500\n  clickhouse:\n    url: "
            + clickHouseUrl
            + "\n    database: "
            + db.name()
            + "\n    user: "
            + db.user()
            + "\n    password: "
            + db.password()
            + "\n";
    String yaml =
        TestGateways.yaml(kafka.bootstrapServers(), kafka.createUniqueTopic("stats", 1), "")
            + stats;
    return TestGateways.start(vertx, TestGateways.config(yaml));
  }

  private String clickHouseUrl() {
    return "http://127.0.0.1:" + db.server().httpPort();
  }

  private int ncs(Gateway gateway, byte[] body, MultiMap headers) {
    return post(client, gateway.port(), "/" + APP + "/webhooks", body, headers).statusCode();
  }

  private Map<String, Long> requestsByOutcome(String sourceId) {
    Map<String, Long> result = new TreeMap<>();
    for (List<String> row :
        db.query(
            "SELECT outcome, sum(requests) FROM ingest_stats_minute WHERE app_id = '"
                + APP
                + "' AND source_id = '"
                + sourceId
                + "' GROUP BY outcome")) {
      result.put(row.get(0), Long.parseLong(row.get(1)));
    }
    return result;
  }

  @Test
  void webhooksAreCountedPerOutcomeUnderTheAppAndThisGatewaysSourceId() {
    long before = System.currentTimeMillis() / 60_000 * 60;
    Gateway gateway = gateway("gw-it", clickHouseUrl());
    for (int i = 0; i < 3; i++) {
      byte[] body = NcsBodies.hostJoins("room-" + i, 100 + i);
      assertEquals(200, ncs(gateway, body, signed(SECRET, body)));
    }
    byte[] healthCheck = NcsBodies.healthCheck();
    assertEquals(200, ncs(gateway, healthCheck, signed(SECRET, healthCheck)));
    for (int i = 0; i < 2; i++) {
      byte[] body = NcsBodies.hostJoins("forged", 7);
      assertEquals(401, ncs(gateway, body, signed("not-the-secret", body)));
    }
    byte[] notJson = "this is not json".getBytes(StandardCharsets.UTF_8);
    assertEquals(400, ncs(gateway, notJson, signed(SECRET, notJson)));

    await(gateway.stop()); // the shutdown flush writes the open minute
    long after = System.currentTimeMillis() / 60_000 * 60;

    assertEquals(
        Map.of("accepted", 3L, "health_check", 1L, "unauthorized", 2L, "invalid_field", 1L),
        requestsByOutcome("gw-it"));
    List<List<String>> minutes =
        db.query(
            "SELECT min(toUnixTimestamp(minute)), max(toUnixTimestamp(minute))"
                + " FROM ingest_stats_minute WHERE source_id = 'gw-it'");
    assertTrue(Long.parseLong(minutes.get(0).get(0)) >= before, minutes.toString());
    assertTrue(Long.parseLong(minutes.get(0).get(1)) <= after, minutes.toString());
    assertTrue(
        gateway
                .registry()
                .get("callpulse.gateway.ingest.stats.flushes")
                .tag("result", "ok")
                .counter()
                .count()
            >= 1);
  }

  @Test
  void aRetriedBatchWithTheSameTokenIsStoredOnce() throws Exception {
    ClickHouseStatsSink sink = clickHouseSink();
    StatsBatch batch =
        new StatsBatch(
            new StatsBatch.Minute(
                1_741_600_800L,
                List.of(
                    new StatsBatch.Row(APP, "accepted", 40),
                    new StatsBatch.Row(APP, "unauthorized", 2))),
            "gw-retry-1741600800-token-a");
    sink.insert("gw-retry", batch);
    sink.insert("gw-retry", batch); // the retry after a lost answer
    assertEquals(Map.of("accepted", 40L, "unauthorized", 2L), requestsByOutcome("gw-retry"));

    // the same rows under a new token are a new increment, as they should be
    sink.insert("gw-retry", new StatsBatch(batch.minute(), "gw-retry-1741600800-token-b"));
    assertEquals(Map.of("accepted", 80L, "unauthorized", 4L), requestsByOutcome("gw-retry"));
  }

  @Test
  void anInsertWhoseAnswerIsLostIsRetriedByTheFlusherWithoutDoubleCounting() {
    ClickHouseStatsSink clickHouse = clickHouseSink();
    int[] lostAnswers = {1};
    StatsSink answerLostOnce =
        (sourceId, batch) -> {
          clickHouse.insert(sourceId, batch); // stored...
          if (lostAnswers[0]-- > 0) {
            throw new IOException("...but the connection broke before the answer");
          }
        };
    IngestCounts counts = new IngestCounts(() -> 1_741_600_800_000L);
    StatsFlusher flusher =
        new StatsFlusher(
            counts, answerLostOnce, "gw-lost", 10, new SimpleMeterRegistry(), () -> 0L);
    for (int i = 0; i < 5; i++) {
      counts.record(APP, io.callpulse.gateway.Outcome.ACCEPTED);
    }
    assertEquals(false, flusher.flush(true));
    assertEquals(true, flusher.flush(true));
    assertEquals(Map.of("accepted", 5L), requestsByOutcome("gw-lost"));
  }

  @Test
  void clickHouseDownNeitherRefusesWebhooksNorReadinessAndTheLossIsCounted() throws Exception {
    Gateway gateway = gateway("gw-down", "http://127.0.0.1:" + TestGateways.closedPort());
    TestGateways.awaitStatus(client, gateway.port(), "/ready", 200);
    byte[] body = NcsBodies.hostJoins("room-down", 1);
    assertEquals(200, ncs(gateway, body, signed(SECRET, body)));
    assertEquals(200, await(client.get(gateway.port(), "127.0.0.1", "/ready").send()).statusCode());

    await(gateway.stop()); // final flush fails until its budget is spent
    var registry = gateway.registry();
    assertTrue(
        registry
                .get("callpulse.gateway.ingest.stats.flushes")
                .tag("result", "failed")
                .counter()
                .count()
            >= 1);
    assertEquals(
        1.0, registry.get("callpulse.gateway.ingest.stats.dropped.requests").counter().count());
    assertTrue(registry.scrape().contains("callpulse_gateway_ingest_stats_dropped_requests_total"));
  }

  private ClickHouseStatsSink clickHouseSink() {
    return new ClickHouseStatsSink(
        new GatewayConfig.ClickHouse(clickHouseUrl(), db.name(), db.user(), db.password()),
        Duration.ofSeconds(10));
  }
}
