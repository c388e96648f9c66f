package io.callpulse.gateway.ncs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.gateway.config.AppConfig;
import io.callpulse.gateway.config.RateLimit;
import io.callpulse.gateway.config.SignatureMode;
import io.callpulse.model.IngestHeaders;
import io.callpulse.model.NcsParser;
import io.callpulse.model.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureCheckTest {
  /** agora-ncs.md §1, exact bytes. */
  static final byte[] VECTOR =
      ("{\"eventMs\":1560408533119,\"eventType\":10,\"noticeId\":\"4eb720f0-8da7-11e9-a43e-53f411c2761f\","
              + "\"notifyMs\":1560408533119,\"payload\":{\"a\":\"1\",\"b\":2},\"productId\":1}")
          .getBytes(StandardCharsets.UTF_8);

  static final String V1 = "033c62f40f687675f17f0f41f91a40c71c0f134c";
  static final String V2 = "6d3320c60b11101395b7fc8f9068748808a0aa1bfa064438e39d1bc2c7d74d99";

  private static AppConfig app(SignatureMode mode, Map<String, List<String>> secrets) {
    return new AppConfig("app", secrets, mode, RateLimit.UNLIMITED);
  }

  private static ParseResult parse(byte[] body) {
    return NcsParser.parse(body, "app", System.currentTimeMillis(), "id");
  }

  @Test
  void documentedVectorPassesAsV2ThenAsV1() {
    AppConfig app = app(SignatureMode.REQUIRED, Map.of("1", List.of("secret")));
    SignatureCheck v2 = SignatureCheck.of(app, parse(VECTOR), VECTOR, V2, V1);
    assertTrue(v2.passed());
    assertEquals(IngestHeaders.SIGNATURE_V2, v2.status());
    SignatureCheck v1 = SignatureCheck.of(app, parse(VECTOR), VECTOR, null, V1);
    assertEquals(IngestHeaders.SIGNATURE_V1, v1.status());
    SignatureCheck brokenV2 = SignatureCheck.of(app, parse(VECTOR), VECTOR, "00" + V2, V1);
    assertEquals(IngestHeaders.SIGNATURE_V1, brokenV2.status());
  }

  @Test
  void secretsAreChosenByTheBodysProduct() {
    AppConfig otherProduct = app(SignatureMode.REQUIRED, Map.of("3", List.of("secret")));
    SignatureCheck check = SignatureCheck.of(otherProduct, parse(VECTOR), VECTOR, V2, V1);
    assertFalse(check.passed());
    assertEquals("no secret is configured for this product", check.problem());
    AppConfig wildcard = app(SignatureMode.REQUIRED, Map.of("*", List.of("secret")));
    assertTrue(SignatureCheck.of(wildcard, parse(VECTOR), VECTOR, V2, null).passed());
  }

  @Test
  void rotationAcceptsEveryActiveSecret() {
    AppConfig app = app(SignatureMode.REQUIRED, Map.of("1", List.of("next", "secret")));
    assertTrue(SignatureCheck.of(app, parse(VECTOR), VECTOR, V2, null).passed());
    AppConfig rotatedOut = app(SignatureMode.REQUIRED, Map.of("1", List.of("next")));
    assertFalse(SignatureCheck.of(rotatedOut, parse(VECTOR), VECTOR, V2, null).passed());
  }

  @Test
  void modesDecideAboutMissingSignatures() {
    Map<String, List<String>> secrets = Map.of("1", List.of("secret"));
    SignatureCheck required =
        SignatureCheck.of(app(SignatureMode.REQUIRED, secrets), parse(VECTOR), VECTOR, null, " ");
    assertFalse(required.passed());
    assertTrue(required.problem().startsWith("missing Agora-Signature-V2"));

    SignatureCheck optional =
        SignatureCheck.of(app(SignatureMode.OPTIONAL, secrets), parse(VECTOR), VECTOR, null, null);
    assertTrue(optional.passed());
    assertEquals(IngestHeaders.SIGNATURE_ABSENT, optional.status());
    SignatureCheck optionalWrong =
        SignatureCheck.of(app(SignatureMode.OPTIONAL, secrets), parse(VECTOR), VECTOR, "ab", null);
    assertFalse(optionalWrong.passed());

    SignatureCheck off =
        SignatureCheck.of(app(SignatureMode.OFF, Map.of()), parse(VECTOR), VECTOR, "junk", null);
    assertTrue(off.passed());
    assertEquals(IngestHeaders.SIGNATURE_UNCHECKED, off.status());
    assertNull(off.problem());
  }

  @Test
  void aBodyThatDoesNotParseIsCheckedAgainstAllSecrets() {
    byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
    AppConfig app = app(SignatureMode.REQUIRED, Map.of("1", List.of("a"), "17", List.of("secret")));
    String sig =
        io.callpulse.model.NcsSignature.sign(
            "secret", garbage, io.callpulse.model.NcsSignature.Algorithm.SHA256);
    assertTrue(SignatureCheck.of(app, parse(garbage), garbage, sig, null).passed());
    assertFalse(SignatureCheck.of(app, parse(garbage), garbage, null, null).passed());
  }
}
