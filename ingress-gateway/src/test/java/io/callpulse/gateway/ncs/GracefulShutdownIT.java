package io.callpulse.gateway.ncs;

import static io.callpulse.gateway.TestGateways.APP;
import static io.callpulse.gateway.TestGateways.SECRET;
import static io.callpulse.gateway.TestGateways.await;
import static io.callpulse.gateway.TestGateways.signed;
import static io.callpulse.gateway.TopicContents.header;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.gateway.Gateway;
import io.callpulse.gateway.NcsBodies;
import io.callpulse.gateway.TestGateways;
import io.callpulse.gateway.TopicContents;
import io.callpulse.model.IngestHeaders;
import io.callpulse.testsupport.KafkaBroker;
import io.callpulse.testsupport.RealKafka;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Stopping the gateway while clients keep posting: every request answered 200 is on the topic (the
 * gateway answers 200 only after Kafka's acknowledgement, and drains before closing).
 */
@RealKafka
class GracefulShutdownIT {
  private static final int CLIENTS = 32;

  @Test
  void stopUnderLoadLosesNoAcknowledgedRecord(KafkaBroker kafka) throws Exception {
    String topic = kafka.createUniqueTopic("shutdown", 3);
    Vertx server = Vertx.vertx();
    Gateway gateway =
        TestGateways.start(
            server, TestGateways.config(TestGateways.yaml(kafka.bootstrapServers(), topic, "")));
    Vertx clients = Vertx.vertx();
    WebClient client =
        WebClient.create(
            clients,
            new WebClientOptions().setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(CLIENTS));
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean stopping = new AtomicBoolean();
    AtomicInteger afterStop = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(CLIENTS);
    CountDownLatch warm = new CountDownLatch(200);
    int port = gateway.port();
    for (int c = 0; c < CLIENTS; c++) {
      int id = c;
      clients.runOnContext(
          v -> loop(client, port, id, acknowledged, stopping, afterStop, warm, done));
    }
    assertTrue(warm.await(60, TimeUnit.SECONDS), "load did not start");
    stopping.set(true);
    await(gateway.stop());
    assertTrue(done.await(60, TimeUnit.SECONDS), "clients did not finish");

    Set<String> published =
        TopicContents.read(kafka.bootstrapServers(), topic).stream()
            .map(r -> header(r, IngestHeaders.INGEST_ID))
            .collect(Collectors.toSet());
    Set<String> lost =
        acknowledged.stream().filter(id -> !published.contains(id)).collect(Collectors.toSet());
    assertTrue(acknowledged.size() >= 200, "acknowledged " + acknowledged.size());
    assertTrue(lost.isEmpty(), lost.size() + " acknowledged records are not on the topic");
    await(clients.close());
    await(server.close());
  }

  /** One client: post, and on any answer post again, until requests fail after the stop. */
  private static void loop(
      WebClient client,
      int port,
      int id,
      Set<String> acknowledged,
      AtomicBoolean stopping,
      AtomicInteger afterStop,
      CountDownLatch warm,
      CountDownLatch done) {
    byte[] body = NcsBodies.hostJoins("drain-" + id, id);
    client
        .post(port, "127.0.0.1", "/" + APP + "/webhooks")
        .putHeaders(signed(SECRET, body))
        .sendBuffer(Buffer.buffer(body))
        .onComplete(
            result -> {
              if (result.succeeded()) {
                HttpResponse<Buffer> response = result.result();
                if (response.statusCode() == 200) {
                  acknowledged.add(response.bodyAsJsonObject().getString("ingestId"));
                  warm.countDown();
                }
              }
              if (stopping.get() && (result.failed() || afterStop.incrementAndGet() > 5_000)) {
                done.countDown();
                return;
              }
              loop(client, port, id, acknowledged, stopping, afterStop, warm, done);
            });
  }
}
