package io.callpulse.gateway.ncs;

import static io.callpulse.gateway.TestGateways.APP;
import static io.callpulse.gateway.TestGateways.SECRET;
import static io.callpulse.gateway.TestGateways.await;
import static io.callpulse.gateway.TestGateways.post;
import static io.callpulse.gateway.TestGateways.signed;
import static io.callpulse.gateway.TopicContents.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The broker goes away: 503 + Retry-After within the deadline, then 200 again once it is back. */
@RealKafka
class KafkaOutageIT {

  @Test
  void brokerDownIs503ThenRecoversAfterRestart(KafkaBroker kafka) throws Exception {
    String topic = kafka.createUniqueTopic("outage", 1);
    Vertx vertx = Vertx.vertx();
    Gateway gateway =
        TestGateways.start(
            vertx, TestGateways.config(TestGateways.yaml(kafka.bootstrapServers(), topic, "")));
    WebClient client = WebClient.create(vertx);
    String path = "/" + APP + "/webhooks";
    try {
      byte[] before = NcsBodies.hostJoins("o", 1);
      HttpResponse<Buffer> ok = post(client, gateway.port(), path, before, signed(SECRET, before));
      assertEquals(200, ok.statusCode());
      String acknowledged = ok.bodyAsJsonObject().getString("ingestId");

      kafka.stop();
      byte[] during = NcsBodies.hostJoins("o", 2);
      HttpResponse<Buffer> refused =
          post(client, gateway.port(), path, during, signed(SECRET, during));
      assertEquals(503, refused.statusCode(), refused.bodyAsString());
      assertEquals("7", refused.getHeader("Retry-After"));
      assertEquals("unavailable", refused.bodyAsJsonObject().getString("error"));
      TestGateways.awaitStatus(client, gateway.port(), "/ready", 503);

      kafka.start();
      // Agora's retry: the same notification again, until it is taken
      HttpResponse<Buffer> retried = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (System.nanoTime() < deadline) {
        retried = post(client, gateway.port(), path, during, signed(SECRET, during));
        if (retried.statusCode() == 200) {
          break;
        }
        assertEquals(503, retried.statusCode(), retried.bodyAsString());
        Thread.sleep(500);
      }
      assertEquals(200, retried.statusCode(), "the gateway recovers once Kafka is back");
      TestGateways.awaitStatus(client, gateway.port(), "/ready", 200);

      Set<String> published =
          TopicContents.read(kafka.bootstrapServers(), topic).stream()
              .map(r -> header(r, IngestHeaders.INGEST_ID))
              .collect(Collectors.toSet());
      assertTrue(published.contains(acknowledged));
      assertTrue(published.contains(retried.bodyAsJsonObject().getString("ingestId")));
    } finally {
      kafka.start();
      await(gateway.stop());
      await(vertx.close());
    }
  }
}
