package io.callpulse.gateway.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.callpulse.gateway.Outcome;
import io.callpulse.gateway.config.GatewayConfigLoader;
import io.callpulse.gateway.config.RateLimit;
import io.callpulse.gateway.config.SourceConfig;
import io.callpulse.gateway.config.ValidatorSpec;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One accepting and one refusing request per validator type. */
class HookValidatorsTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"type\":\"invoice.paid\",\"data\":{\"n\":1}}"
          .getBytes(StandardCharsets.UTF_8);

  private static HookRequest request(MultiMap headers, byte[] body, String ip) {
    return new HookRequest(headers, body, ip);
  }

  private static HookRequest request(String... headerPairs) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.add(headerPairs[i], headerPairs[i + 1]);
    }
    return request(headers, BODY, "192.0.2.10");
  }

  private static HookValidator validator(ValidatorSpec spec) {
    return HookValidators.of(spec, CLOCK);
  }

  @Test
  void staticTokenHeader() {
    HookValidator v = validator(new ValidatorSpec.StaticToken("X-Token", List.of("old", "new")));
    assertNull(v.check(request("X-Token", "new")));
    assertNull(v.check(request("x-token", "old")), "header names are case-insensitive");
    assertEquals(Outcome.UNAUTHORIZED, v.check(request("X-Token", "nope")).outcome());
    assertEquals(Outcome.UNAUTHORIZED, v.check(request()).outcome());
  }

  @Test
  void bearer() {
    HookValidator v = validator(new ValidatorSpec.Bearer(List.of("tok")));
    assertNull(v.check(request("Authorization", "Bearer tok")));
    assertNull(v.check(request("Authorization", "bearer tok")));
    assertNotNull(v.check(request("Authorization", "Bearer tok2")));
    assertNotNull(v.check(request("Authorization", "Basic tok")));
  }

  @Test
  void basic() {
    HookValidator v = validator(new ValidatorSpec.Basic(Map.of("agora", "pw")));
    String good = Base64.getEncoder().encodeToString("agora:pw".getBytes(StandardCharsets.UTF_8));
    String bad = Base64.getEncoder().encodeToString("agora:px".getBytes(StandardCharsets.UTF_8));
    String stranger = Base64.getEncoder().encodeToString("eve:pw".getBytes(StandardCharsets.UTF_8));
    assertNull(v.check(request("Authorization", "Basic " + good)));
    assertNotNull(v.check(request("Authorization", "Basic " + bad)));
    assertNotNull(v.check(request("Authorization", "Basic " + stranger)));
    assertNotNull(v.check(request("Authorization", "Basic !!notbase64")));
  }

  @Test
  void hmacHexWithPrefixLikeGitHub() {
    HookValidator v =
        validator(
            new ValidatorSpec.Hmac(
                "X-Hub-Signature-256",
                ValidatorSpec.HmacAlgorithm.SHA256,
                ValidatorSpec.Encoding.HEX,
                "sha256=",
                List.of("rotated-out", "s3cret")));
    String hex =
        HexFormat.of()
            .formatHex(Secrets.hmac("HmacSHA256", "s3cret".getBytes(StandardCharsets.UTF_8), BODY));
    assertNull(v.check(request("X-Hub-Signature-256", "sha256=" + hex)));
    assertNull(v.check(request("X-Hub-Signature-256", "sha256=" + hex.toUpperCase())));
    assertNotNull(v.check(request("X-Hub-Signature-256", hex)), "prefix is required");
    assertNotNull(v.check(request("X-Hub-Signature-256", "sha256=" + hex.replace('a', 'b'))));
    assertNotNull(v.check(request("X-Hub-Signature-256", "sha256=zz")));
  }

  @Test
  void hmacBase64Sha1AndSha512() {
    for (ValidatorSpec.HmacAlgorithm algorithm :
        List.of(ValidatorSpec.HmacAlgorithm.SHA1, ValidatorSpec.HmacAlgorithm.SHA512)) {
      HookValidator v =
          validator(
              new ValidatorSpec.Hmac(
                  "X-Sig", algorithm, ValidatorSpec.Encoding.BASE64, "", List.of("k")));
      String sig =
          Base64.getEncoder()
              .encodeToString(
                  Secrets.hmac(algorithm.jcaName, "k".getBytes(StandardCharsets.UTF_8), BODY));
      assertNull(v.check(request("X-Sig", sig)), algorithm.name());
      assertNotNull(
          v.check(
              request(
                  MultiMap.caseInsensitiveMultiMap().add("X-Sig", sig),
                  "{}".getBytes(StandardCharsets.UTF_8),
                  "::1")),
          "another body");
    }
  }

  @Test
  void standardWebhooksWithTimestampTolerance() {
    String secret =
        "whsec_"
            + Base64.getEncoder()
                .encodeToString("0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    HookValidator v =
        validator(new ValidatorSpec.StandardWebhooks(List.of("whsec_b2xk", secret), 300));
    byte[] key = StandardWebhooksValidator.key(secret);
    long ts = NOW.getEpochSecond();
    String sig = StandardWebhooksValidator.sign(key, "msg_1", ts, BODY);
    assertNull(
        v.check(
            request(
                "webhook-id",
                "msg_1",
                "webhook-timestamp",
                Long.toString(ts),
                "webhook-signature",
                "v1,AAAA " + sig)));
    assertNotNull(
        v.check(
            request(
                "webhook-id",
                "msg_2",
                "webhook-timestamp",
                Long.toString(ts),
                "webhook-signature",
                sig)),
        "the id is signed");
    long old = ts - 301;
    assertNotNull(
        v.check(
            request(
                "webhook-id", "msg_1",
                "webhook-timestamp", Long.toString(old),
                "webhook-signature", StandardWebhooksValidator.sign(key, "msg_1", old, BODY))),
        "outside the tolerance");
    assertNotNull(v.check(request("webhook-id", "msg_1")));
  }

  @Test
  void ipAllowlistV4AndV6() {
    HookValidator v =
        validator(
            new ValidatorSpec.IpAllowlist(List.of("10.0.0.0/8", "2001:db8::/32", "192.0.2.10")));
    MultiMap none = MultiMap.caseInsensitiveMultiMap();
    assertNull(v.check(request(none, BODY, "10.1.2.3")));
    assertNull(v.check(request(none, BODY, "2001:db8::1")));
    assertNull(v.check(request(none, BODY, "192.0.2.10")));
    assertEquals(Outcome.FORBIDDEN, v.check(request(none, BODY, "192.0.2.11")).outcome());
    assertEquals(Outcome.FORBIDDEN, v.check(request(none, BODY, "not-an-ip")).outcome());
  }

  @Test
  void requiredJsonFields() {
    HookValidator v = validator(new ValidatorSpec.JsonFields(List.of("/id", "/data/n")));
    assertNull(v.check(request()));
    Refusal missing =
        validator(new ValidatorSpec.JsonFields(List.of("/data/missing"))).check(request());
    assertEquals(Outcome.INVALID_FIELD, missing.outcome());
    assertEquals("/data/missing", missing.field());
    Refusal notJson =
        v.check(
            request(
                MultiMap.caseInsensitiveMultiMap(),
                "nope".getBytes(StandardCharsets.UTF_8),
                "::1"));
    assertEquals("body", notJson.field());
  }

  @Test
  void idempotencyKeyFromHeaderThenPointer() {
    SourceConfig source =
        new SourceConfig("s", "t", List.of(), RateLimit.UNLIMITED, "Idempotency-Key", "/id");
    assertEquals("k-1", HookRoutes.idempotencyKey(source, request("Idempotency-Key", "k-1")));
    assertEquals("evt_1", HookRoutes.idempotencyKey(source, request()));
    SourceConfig numeric =
        new SourceConfig("s", "t", List.of(), RateLimit.UNLIMITED, null, "/data/n");
    assertEquals("1", HookRoutes.idempotencyKey(numeric, request()));
  }

  @Test
  void theExampleConfigurationBuildsItsValidators() {
    var config = GatewayConfigLoader.load(java.nio.file.Path.of("config/gateway.yaml"), Map.of());
    config
        .sources()
        .values()
        .forEach(
            s ->
                assertEquals(
                    s.validators().size(), HookValidators.of(s.validators(), CLOCK).size()));
  }
}
