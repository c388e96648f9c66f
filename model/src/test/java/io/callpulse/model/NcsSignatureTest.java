package io.callpulse.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NcsSignatureTest {
  /** The verified test vector of agora-ncs.md §1 (Agora's own sample pages have typos). */
  private static final byte[] BODY =
      ("{\"eventMs\":1560408533119,\"eventType\":10,\"noticeId\":\"4eb720f0-8da7-11e9-a43e-53f411c2761f\","
              + "\"notifyMs\":1560408533119,\"payload\":{\"a\":\"1\",\"b\":2},\"productId\":1}")
          .getBytes(StandardCharsets.UTF_8);

  private static final String SHA1 = "033c62f40f687675f17f0f41f91a40c71c0f134c";
  private static final String SHA256 =
      "6d3320c60b11101395b7fc8f9068748808a0aa1bfa064438e39d1bc2c7d74d99";

  @Test
  void signsTheDocumentedTestVector() {
    assertEquals(SHA256, NcsSignature.sign("secret", BODY, NcsSignature.Algorithm.SHA256));
    assertEquals(SHA1, NcsSignature.sign("secret", BODY, NcsSignature.Algorithm.SHA1));
  }

  @Test
  void prefersV2AndFallsBackToV1() {
    assertEquals(
        NcsSignature.Verdict.VALID_V2, NcsSignature.verify(List.of("secret"), BODY, SHA256, SHA1));
    assertEquals(
        NcsSignature.Verdict.VALID_V1,
        NcsSignature.verify(List.of("secret"), BODY, "deadbeef", SHA1));
    assertEquals(
        NcsSignature.Verdict.VALID_V1, NcsSignature.verify(List.of("secret"), BODY, null, SHA1));
  }

  @Test
  void acceptsAnyActiveSecretDuringRotation() {
    assertEquals(
        NcsSignature.Verdict.VALID_V2,
        NcsSignature.verify(List.of("old", "secret"), BODY, SHA256, null));
  }

  @Test
  void refusesWrongAndMissingSignatures() {
    assertEquals(
        NcsSignature.Verdict.INVALID, NcsSignature.verify(List.of("other"), BODY, SHA256, SHA1));
    assertEquals(
        NcsSignature.Verdict.MISSING, NcsSignature.verify(List.of("secret"), BODY, null, ""));
    byte[] tampered = BODY.clone();
    tampered[10] ^= 1;
    assertEquals(
        NcsSignature.Verdict.INVALID,
        NcsSignature.verify(List.of("secret"), tampered, SHA256, SHA1));
  }

  /** Each thread keeps its initialized Macs: one body's digest must not leak into the next. */
  @Test
  void reusedMacsSignEachBodyAfreshUnderItsOwnSecret() {
    byte[] other = "{}".getBytes(StandardCharsets.UTF_8);
    String otherUnderSecret = NcsSignature.sign("secret", other, NcsSignature.Algorithm.SHA256);
    for (int round = 0; round < 3; round++) {
      assertEquals(SHA256, NcsSignature.sign("secret", BODY, NcsSignature.Algorithm.SHA256));
      assertEquals(
          otherUnderSecret, NcsSignature.sign("secret", other, NcsSignature.Algorithm.SHA256));
      assertNotEquals(SHA256, NcsSignature.sign("old", BODY, NcsSignature.Algorithm.SHA256));
      assertEquals(SHA1, NcsSignature.sign("secret", BODY, NcsSignature.Algorithm.SHA1));
    }
  }
}
