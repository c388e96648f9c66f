package io.callpulse.gateway.hooks;

import static io.callpulse.gateway.TestGateways.await;
import static io.callpulse.gateway.TestGateways.post;
import static io.callpulse.gateway.TopicContents.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callpulse.gateway.Gateway;
import io.callpulse.gateway.TestGateways;
import io.callpulse.gateway.TopicContents;
import io.callpulse.model.IngestHeaders;
import io.callpulse.testsupport.KafkaBroker;
import io.callpulse.testsupport.RealKafka;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A generic source over HTTP: validators ANDed, idempotency key as the Kafka key, own topic. */
@RealKafka
class HookRoutesIT {

  @Test
  void signedRequestFromAnAllowedAddressIsPublishedWithItsIdempotencyKey(KafkaBroker kafka) {
    String topic = kafka.createUniqueTopic("hooks", 1);
    String sources =
        "sources:\n  billing:\n    topic: "
            + topic
            + "\n    idempotencyKey: {header: Idempotency-Key, jsonPointer: /id}\n"
            + "    rateLimit: {perSecond: 1, burst: 3}\n"
            + "    validators:\n"
            + "      - {type: ip-allowlist, cidrs: [127.0.0.0/8]}\n"
            + "      - {type: hmac, header: X-Hub-Signature-256, prefix: 'sha256=', secrets: [hk]}\n"
            + "      - {type: json-fields, pointers: [/id, /type]}\n"
            + "  elsewhere:\n    validators:\n      - {type: ip-allowlist, cidrs: [10.0.0.0/8]}\n";
    Vertx vertx = Vertx.vertx();
    Gateway gateway =
        TestGateways.start(
            vertx,
            TestGateways.config(
                TestGateways.yaml(kafka.bootstrapServers(), "unused", "") + sources));
    WebClient client = WebClient.create(vertx);
    try {
      byte[] body = "{\"id\":\"evt_9\",\"type\":\"paid\"}".getBytes(StandardCharsets.UTF_8);
      byte[] noType = "{\"id\":\"evt_10\"}".getBytes(StandardCharsets.UTF_8);
      HttpResponse<Buffer> ok = post(client, gateway.port(), "/hooks/billing", body, signed(body));
      assertEquals(200, ok.statusCode(), ok.bodyAsString());
      assertEquals(
          401,
          post(client, gateway.port(), "/hooks/billing", body, MultiMap.caseInsensitiveMultiMap())
              .statusCode());
      HttpResponse<Buffer> missing =
          post(client, gateway.port(), "/hooks/billing", noType, signed(noType));
      assertEquals(400, missing.statusCode());
      assertEquals("/type", missing.bodyAsJsonObject().getString("field"));
      assertEquals(
          403, post(client, gateway.port(), "/hooks/elsewhere", body, signed(body)).statusCode());
      assertEquals(
          404, post(client, gateway.port(), "/hooks/nobody", body, signed(body)).statusCode());
      HttpResponse<Buffer> limited =
          post(client, gateway.port(), "/hooks/billing", body, signed(body));
      HttpResponse<Buffer> limited2 =
          post(client, gateway.port(), "/hooks/billing", body, signed(body));
      HttpResponse<Buffer> limited3 =
          post(client, gateway.port(), "/hooks/billing", body, signed(body));
      assertEquals(
          429, limited3.statusCode(), "burst 3: " + limited.statusCode() + limited2.statusCode());
      assertEquals(true, limited3.getHeader("Retry-After") != null);

      List<ConsumerRecord<byte[], byte[]>> records =
          TopicContents.read(kafka.bootstrapServers(), topic);
      assertEquals(3, records.size());
      ConsumerRecord<byte[], byte[]> record = records.get(0);
      assertArrayEquals(body, record.value());
      assertEquals("evt_9", new String(record.key(), StandardCharsets.UTF_8));
      assertEquals("billing", header(record, IngestHeaders.SOURCE_ID));
      assertEquals("ip-allowlist,hmac,json-fields", header(record, IngestHeaders.SIGNATURE));
      assertEquals(
          ok.bodyAsJsonObject().getString("ingestId"), header(record, IngestHeaders.INGEST_ID));
    } finally {
      await(gateway.stop());
      await(vertx.close());
    }
  }

  private static MultiMap signed(byte[] body) {
    String hex =
        HexFormat.of()
            .formatHex(Secrets.hmac("HmacSHA256", "hk".getBytes(StandardCharsets.UTF_8), body));
    return MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/json")
        .add("X-Hub-Signature-256", "sha256=" + hex);
  }
}
