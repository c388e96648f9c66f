package io.callpulse.gateway.web;

import static io.callpulse.gateway.TestGateways.APP;
import static io.callpulse.gateway.TestGateways.SECRET;
import static io.callpulse.gateway.TestGateways.await;
import static io.callpulse.gateway.TestGateways.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.gateway.Gateway;
import io.callpulse.gateway.NcsBodies;
import io.callpulse.gateway.TestGateways;
import io.callpulse.gateway.TopicContents;
import io.callpulse.testsupport.KafkaBroker;
import io.callpulse.testsupport.RealKafka;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway with {@code http.tls} (cert and key paths): a client that trusts the certificate
 * posts a signed webhook over HTTPS and it reaches Kafka; HSTS is sent; plain HTTP is refused.
 */
@RealKafka
class TlsIT {
  @TempDir static Path dir;
  private static Path cert;
  private static Path key;

  /** A self-signed certificate for 127.0.0.1, made with the system's openssl. */
  @BeforeAll
  static void certificate() throws Exception {
    cert = dir.resolve("cert.pem");
    key = dir.resolve("key.pem");
    Process openssl =
        new ProcessBuilder(
                List.of(
                    "openssl",
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:prime256v1",
                    "-nodes",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=127.0.0.1",
                    "-addext",
                    "subjectAltName=IP:127.0.0.1",
                    "-keyout",
                    key.toString(),
                    "-out",
                    cert.toString()))
            .redirectErrorStream(true)
            .start();
    String output = new String(openssl.getInputStream().readAllBytes());
    assertTrue(openssl.waitFor(60, TimeUnit.SECONDS), "openssl did not finish");
    assertEquals(0, openssl.exitValue(), output);
  }

  @Test
  void aSignedWebhookOverHttpsReachesKafkaAndPlainHttpIsRefused(KafkaBroker kafka)
      throws Exception {
    String topic = kafka.createUniqueTopic("tls", 1);
    String yaml =
        TestGateways.yaml(kafka.bootstrapServers(), topic, "")
            .replace(
                "http:\n", "http:\n  tls:\n    certPath: " + cert + "\n    keyPath: " + key + "\n");
    Vertx vertx = Vertx.vertx();
    try {
      Gateway gateway = TestGateways.start(vertx, TestGateways.config(yaml));
      byte[] body = NcsBodies.hostJoins("tls-room", 7);
      WebClient https =
          WebClient.create(
              vertx,
              new WebClientOptions()
                  .setSsl(true)
                  .setVerifyHost(true)
                  .setTrustOptions(new PemTrustOptions().addCertPath(cert.toString())));
      HttpResponse<Buffer> response =
          await(
              https
                  .post(gateway.port(), "127.0.0.1", "/" + APP + "/webhooks")
                  .putHeaders(signed(SECRET, body))
                  .sendBuffer(Buffer.buffer(body)));
      assertEquals(200, response.statusCode(), response.bodyAsString());
      assertEquals("max-age=31536000", response.getHeader("Strict-Transport-Security"));
      assertEquals(1, TopicContents.read(kafka.bootstrapServers(), topic).size());

      WebClient plain = WebClient.create(vertx);
      assertThrows(
          AssertionError.class,
          () -> {
            HttpResponse<Buffer> refused =
                await(
                    plain
                        .post(gateway.port(), "127.0.0.1", "/" + APP + "/webhooks")
                        .putHeaders(signed(SECRET, body))
                        .sendBuffer(Buffer.buffer(body)));
            // Some stacks answer a plaintext request on a TLS port with 400 instead of closing.
            throw new AssertionError("plain HTTP answered " + refused.statusCode());
          });
      assertEquals(1, TopicContents.read(kafka.bootstrapServers(), topic).size());
    } finally {
      await(vertx.close());
    }
  }
}
