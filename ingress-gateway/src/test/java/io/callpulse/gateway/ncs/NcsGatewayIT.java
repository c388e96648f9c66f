package io.callpulse.gateway.ncs;

import static io.callpulse.gateway.TestGateways.APP;
import static io.callpulse.gateway.TestGateways.SECRET;
import static io.callpulse.gateway.TestGateways.await;
import static io.callpulse.gateway.TestGateways.json;
import static io.callpulse.gateway.TestGateways.post;
import static io.callpulse.gateway.TestGateways.signed;
import static io.callpulse.gateway.TopicContents.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.gateway.Gateway;
import io.callpulse.gateway.NcsBodies;
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
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The NCS endpoint against a real broker: what a 200 promises is on the topic, nothing else is. */
@RealKafka
class NcsGatewayIT {
  private KafkaBroker kafka;
  private Vertx vertx;
  private Gateway gateway;
  private WebClient client;
  private String topic;

  @BeforeEach
  void start(KafkaBroker kafka) {
    this.kafka = kafka;
    topic = kafka.createUniqueTopic("ncs", 3);
    vertx = Vertx.vertx();
    gateway =
        TestGateways.start(
            vertx,
            TestGateways.config(
                TestGateways.yaml(
                    kafka.bootstrapServers(),
                    topic,
                    "  rotating:\n    secrets: {\"1\": [\"new-secret\", \"old-secret\"]}\n")));
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      await(gateway.stop());
    }
    await(vertx.close());
  }

  private HttpResponse<Buffer> ncs(String appId, byte[] body, MultiMap headers) {
    return post(client, gateway.port(), "/" + appId + "/webhooks", body, headers);
  }

  private List<ConsumerRecord<byte[], byte[]>> onTopic() {
    return TopicContents.read(kafka.bootstrapServers(), topic);
  }

  @Test
  void documentedSignatureVectorLandsOnTheTopicByteForByte() {
    byte[] body = SignatureCheckTest.VECTOR;
    MultiMap headers =
        json()
            .add("Agora-Signature-V2", SignatureCheckTest.V2)
            .add("Agora-Signature", SignatureCheckTest.V1);
    long before = System.currentTimeMillis();
    HttpResponse<Buffer> response = ncs(APP, body, headers);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("application/json", response.getHeader("Content-Type"));
    String ingestId = response.bodyAsJsonObject().getString("ingestId");

    List<ConsumerRecord<byte[], byte[]>> records = onTopic();
    assertEquals(1, records.size());
    ConsumerRecord<byte[], byte[]> record = records.get(0);
    assertArrayEquals(body, record.value());
    assertArrayEquals(
        IngestHeaders.recordKey(APP, null, "4eb720f0-8da7-11e9-a43e-53f411c2761f"), record.key());
    assertEquals(APP, header(record, IngestHeaders.APP_ID));
    assertEquals("127.0.0.1", header(record, IngestHeaders.SOURCE_IP));
    assertEquals(IngestHeaders.SIGNATURE_V2, header(record, IngestHeaders.SIGNATURE));
    assertEquals(ingestId, header(record, IngestHeaders.INGEST_ID));
    assertEquals(ingestId, UUID.fromString(ingestId).toString());
    assertEquals("false", header(record, IngestHeaders.HEALTH_CHECK));
    assertTrue(Long.parseLong(header(record, IngestHeaders.RECEIVED_AT_MS)) >= before);
  }

  @Test
  void channelEventsAreKeyedByChannelHealthChecksFlaggedOtherProductsKept() {
    byte[] join = NcsBodies.hostJoins("room-1", 42);
    byte[] check = NcsBodies.healthCheck();
    byte[] cai = NcsBodies.conversationalAi();
    assertEquals(200, ncs(APP, join, signed(SECRET, join)).statusCode());
    HttpResponse<Buffer> checked = ncs(APP, check, signed(SECRET, check));
    assertEquals(200, checked.statusCode());
    assertEquals(true, checked.bodyAsJsonObject().getBoolean("healthCheck"));
    HttpResponse<Buffer> other = ncs(APP, cai, signed("cai-secret", cai));
    assertEquals(200, other.statusCode(), "unknown products are accepted, never refused");

    List<ConsumerRecord<byte[], byte[]>> records = onTopic();
    assertEquals(3, records.size());
    ConsumerRecord<byte[], byte[]> joinRecord = find(records, join);
    assertArrayEquals(IngestHeaders.recordKey(APP, "room-1", "ignored"), joinRecord.key());
    assertEquals("false", header(joinRecord, IngestHeaders.HEALTH_CHECK));
    assertEquals("true", header(find(records, check), IngestHeaders.HEALTH_CHECK));
    assertArrayEquals(cai, find(records, cai).value());
  }

  @Test
  void secretRotationAcceptsBothActiveSecretsOnly() {
    byte[] a = NcsBodies.hostJoins("r", 1);
    byte[] b = NcsBodies.hostJoins("r", 2);
    byte[] c = NcsBodies.hostJoins("r", 3);
    assertEquals(200, ncs("rotating", a, signed("new-secret", a)).statusCode());
    assertEquals(200, ncs("rotating", b, signed("old-secret", b)).statusCode());
    assertEquals(401, ncs("rotating", c, signed("retired-secret", c)).statusCode());
    List<ConsumerRecord<byte[], byte[]>> records = onTopic();
    assertEquals(2, records.size());
    assertEquals(
        Set.of(new String(a, StandardCharsets.UTF_8), new String(b, StandardCharsets.UTF_8)),
        records.stream()
            .map(r -> new String(r.value(), StandardCharsets.UTF_8))
            .collect(Collectors.toSet()));
  }

  @Test
  void everyRefusalStaysOffTheTopic() {
    byte[] join = NcsBodies.hostJoins("c", 1);
    byte[] invalid =
        new String(join, StandardCharsets.UTF_8)
            .replace("\"ts\":", "\"ts\":\"x\",\"was\":")
            .getBytes(StandardCharsets.UTF_8);
    byte[] big = new byte[70_000];
    Arrays.fill(big, (byte) '1');
    assertEquals(404, ncs("stranger", join, signed(SECRET, join)).statusCode());
    assertEquals(
        415, ncs(APP, join, signed(SECRET, join).set("Content-Type", "text/xml")).statusCode());
    assertEquals(413, ncs(APP, big, signed(SECRET, big)).statusCode());
    assertEquals(401, ncs(APP, join, json()).statusCode());
    HttpResponse<Buffer> bad = ncs(APP, invalid, signed(SECRET, invalid));
    assertEquals(400, bad.statusCode());
    assertEquals("payload.ts", bad.bodyAsJsonObject().getString("field"));
    assertEquals(0, onTopic().size());
  }

  @Test
  void aBodyCutShortByTheClientIsNeverPublished() throws Exception {
    byte[] join = NcsBodies.hostJoins("c", 1);
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /"
                  + APP
                  + "/webhooks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Agora-Signature-V2: "
                  + NcsBodies.v2(SECRET, join)
                  + "\r\nContent-Length: "
                  + join.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(join, 0, join.length / 2);
      out.flush();
    }
    byte[] next = NcsBodies.hostJoins("c", 2);
    assertEquals(200, ncs(APP, next, signed(SECRET, next)).statusCode());
    List<ConsumerRecord<byte[], byte[]>> records = onTopic();
    assertEquals(1, records.size());
    assertArrayEquals(next, records.get(0).value());
  }

  /**
   * Random garbage, mutated and truncated bodies with random headers: never a 5xx, and exactly the
   * requests answered 200 are on the topic (a mutation may still be a valid notification).
   */
  @Test
  void fuzzedRequestsNeverFailTheServerAndOnlyTwoHundredsArePublished() {
    Random random = new Random(20260101L);
    Set<String> accepted = new HashSet<>();
    String[] contentTypes = {
      "application/json", "text/plain", "", "application/json; charset=latin1", "application/x+json"
    };
    for (int i = 0; i < 300; i++) {
      byte[] body = fuzzBody(random, NcsBodies.hostJoins("fuzz", random.nextInt(1000)));
      MultiMap headers = MultiMap.caseInsensitiveMultiMap();
      String type = contentTypes[random.nextInt(contentTypes.length)];
      if (!type.isEmpty()) {
        headers.add("Content-Type", type);
      }
      switch (random.nextInt(4)) {
        case 0 -> headers.add("Agora-Signature-V2", NcsBodies.v2(SECRET, body));
        case 1 -> headers.add("Agora-Signature", NcsBodies.v1(SECRET, body));
        case 2 -> headers.add("Agora-Signature-V2", randomAscii(random, random.nextInt(80)));
        default -> {}
      }
      if (random.nextBoolean()) {
        headers.add("X-Junk-" + random.nextInt(5), randomAscii(random, random.nextInt(200)));
      }
      String app = random.nextInt(10) == 0 ? randomAscii(random, 8).replaceAll("[^a-z]", "a") : APP;
      HttpResponse<Buffer> response = ncs(app, body, headers);
      assertTrue(response.statusCode() < 500, () -> "5xx: " + response.bodyAsString());
      if (response.statusCode() == 200) {
        accepted.add(response.bodyAsJsonObject().getString("ingestId"));
      } else {
        assertNotEquals(null, response.bodyAsJsonObject().getString("error"));
      }
    }
    Set<String> published =
        onTopic().stream().map(r -> header(r, IngestHeaders.INGEST_ID)).collect(Collectors.toSet());
    assertEquals(accepted, published);
  }

  private static byte[] fuzzBody(Random random, byte[] valid) {
    return switch (random.nextInt(5)) {
      case 0 -> {
        byte[] garbage = new byte[random.nextInt(2_000)];
        random.nextBytes(garbage);
        yield garbage;
      }
      case 1 -> Arrays.copyOf(valid, random.nextInt(valid.length));
      case 2 -> {
        byte[] flipped = valid.clone();
        for (int k = 0; k < 1 + random.nextInt(4); k++) {
          flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
        }
        yield flipped;
      }
      case 3 ->
          new String(valid, StandardCharsets.UTF_8)
              .replace("\"uid\":", random.nextBoolean() ? "\"uid\":-" : "\"uid\":1e")
              .getBytes(StandardCharsets.UTF_8);
      default -> valid;
    };
  }

  private static String randomAscii(Random random, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append((char) (33 + random.nextInt(94)));
    }
    return s.toString();
  }

  private static ConsumerRecord<byte[], byte[]> find(
      List<ConsumerRecord<byte[], byte[]>> records, byte[] value) {
    return records.stream()
        .filter(r -> Arrays.equals(r.value(), value))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "not on the topic: " + new String(value, StandardCharsets.UTF_8)));
  }
}
