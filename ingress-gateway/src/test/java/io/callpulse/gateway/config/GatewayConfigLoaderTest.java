package io.callpulse.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigLoaderTest {
  private static final String APP = "0123456789abcdef0123456789abcdef";

  @Test
  void emptyFileGivesTheDocumentedDefaults() {
    GatewayConfig config = GatewayConfigLoader.parse("", Map.of());
    assertEquals(8080, config.http().port());
    assertEquals("0.0.0.0", config.http().host());
    assertEquals("callpulse.ncs.events", config.kafka().topic());
    assertEquals(3_000, config.kafka().deadlineMs());
    assertEquals(64 * 1024, config.limits().maxBodyBytes());
    assertFalse(config.apps().closed());
    assertEquals(SignatureMode.REQUIRED, config.apps().defaults().signature());
    assertTrue(config.http().tls().isEmpty());
  }

  @Test
  void theDocumentedExampleLoads() {
    GatewayConfig config = GatewayConfigLoader.load(Path.of("config/gateway.yaml"), Map.of());
    assertTrue(config.apps().closed());
    AppConfig app = config.apps().lookup(APP).orElseThrow();
    assertEquals(
        List.of("replace-with-the-rtc-secret", "the-previous-rtc-secret"), app.secretsFor(1));
    assertEquals(List.of(), app.secretsFor(3));
    assertEquals(new RateLimit(2000, 10000), app.rateLimit());
    assertTrue(config.apps().lookup("someone-else").isEmpty());
    assertEquals(3, config.sources().size());
    SourceConfig billing = config.sources().get("billing");
    assertEquals("Idempotency-Key", billing.idempotencyHeader());
    assertEquals("/id", billing.idempotencyPointer());
    assertEquals(3, billing.validators().size());
    assertEquals("callpulse.hooks.crm", config.sources().get("crm").topic());
  }

  @Test
  void environmentOverridesTheFile() {
    GatewayConfig config =
        GatewayConfigLoader.load(
            Path.of("config/gateway.yaml"),
            Map.of(
                "CALLPULSE_GATEWAY_HTTP_PORT", "9999",
                "CALLPULSE_KAFKA_BOOTSTRAP", "kafka-1:9092,kafka-2:9092",
                "CALLPULSE_APP_0123456789ABCDEF0123456789ABCDEF_SECRET_1", "new, old",
                "CALLPULSE_APP_FEEDFACE_SECRET_ANY", "any-secret",
                "CALLPULSE_APP_FEEDFACE_SIGNATURE", "optional",
                "UNRELATED", "x"));
    assertEquals(9999, config.http().port());
    assertEquals("kafka-1:9092,kafka-2:9092", config.kafka().bootstrap());
    assertEquals(List.of("new", "old"), config.apps().lookup(APP).orElseThrow().secretsFor(1));
    AppConfig fromEnv = config.apps().lookup("feedface").orElseThrow();
    assertEquals(List.of("any-secret"), fromEnv.secretsFor(42));
    assertEquals(SignatureMode.OPTIONAL, fromEnv.signature());
  }

  @Test
  void secretsNeverAppearInToString() {
    GatewayConfig config = GatewayConfigLoader.load(Path.of("config/gateway.yaml"), Map.of());
    String printed =
        config.apps().registry().values() + " " + config.sources().values() + " " + config.kafka();
    assertFalse(printed.contains("replace-with"), printed);
    assertFalse(printed.contains("whsec_"), printed);
    assertTrue(printed.contains("2 secret(s)"), printed);
  }

  @Test
  void refusalsNameTheKey() {
    assertRefused("http:\n  prot: 80\n", "unknown key http.prot");
    assertRefused("http:\n  port: 70000\n", "http.port must be between 0 and 65535");
    assertRefused("http:\n  port: eighty\n", "http.port must be an integer");
    assertRefused(
        "http:\n  tls: {certPath: /nonexistent/cert.pem, keyPath: /nonexistent/key.pem}\n",
        "http.tls.certPath names a file that cannot be read");
    assertRefused("kafka:\n  deadlineMs: 20000\n", "kafka.deadlineMs must be between 100 and 8000");
    assertRefused("apps:\n  closed: true\n", "apps.closed is true but no app is configured");
    assertRefused(
        "apps:\n  abc: {signature: required}\n", "apps.abc.secrets: signature is required");
    assertRefused(
        "apps:\n  abc: {signature: maybe, secrets: {'1': [s]}}\n",
        "apps.abc.signature must be one of");
    assertRefused(
        "apps:\n  abc: {secrets: {rtc: [s]}}\n",
        "apps.abc.secrets.rtc: secrets are keyed by Agora productId");
    assertRefused(
        "apps:\n  abc: {secrets: {'1': []}}\n", "apps.abc.secrets.1 must list at least one value");
    assertRefused(
        "sources:\n  s:\n    validators:\n      - {type: ip-allowlist, cidrs: [10.0.0.0/99]}\n",
        "sources.s.validators[0].cidrs: '10.0.0.0/99' is not an IP address");
    assertRefused(
        "sources:\n  s:\n    validators:\n      - {type: magic}\n",
        "sources.s.validators[0].type must be one of");
    assertRefused(
        "sources:\n  s:\n    validators:\n      - {type: hmac, header: X-Sig, algorithm: md5, secrets: [a]}\n",
        "sources.s.validators[0].algorithm must be one of [sha1, sha256, sha512]");
    assertRefused(
        "sources:\n  s:\n    idempotencyKey: {jsonPointer: id}\n",
        "sources.s.idempotencyKey.jsonPointer: 'id' is not a JSON pointer");
    assertRefused("- just\n- a list\n", "must be a YAML mapping");
  }

  @Test
  void environmentValuesAreValidatedLikeTheFile() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> GatewayConfigLoader.parse("", Map.of("CALLPULSE_GATEWAY_HTTP_PORT", "http")));
    assertTrue(e.getMessage().contains("http.port must be an integer"), e.getMessage());
  }

  @Test
  void openRegistryServesUnknownAppsWithTheDefaults() {
    GatewayConfig config =
        GatewayConfigLoader.parse(
            "apps:\n  defaults: {signature: off, rateLimit: {perSecond: 5, burst: 7}}\n", Map.of());
    AppConfig stranger = config.apps().lookup("stranger").orElseThrow();
    assertEquals("stranger", stranger.appId());
    assertEquals(SignatureMode.OFF, stranger.signature());
    assertEquals(new RateLimit(5, 7), stranger.rateLimit());
  }

  @Test
  void ingestStatsAreOffWithoutAClickHouseUrlAndTheSourceIdDefaultsToTheHostName() {
    GatewayConfig.IngestStats stats = GatewayConfigLoader.parse("", Map.of()).ingestStats();
    assertFalse(stats.enabled());
    assertEquals(GatewayConfigLoader.hostName(), stats.sourceId());
    assertFalse(stats.sourceId().isEmpty());
    assertEquals(10_000, stats.flushIntervalMs());
    // an unset variable in a compose file arrives as an empty value: still off
    assertFalse(
        GatewayConfigLoader.parse("", Map.of("CALLPULSE_GATEWAY_STATS_CLICKHOUSE_URL", " "))
            .ingestStats()
            .enabled());
  }

  @Test
  void ingestStatsFromTheFileAndTheEnvironmentWithTheirPasswordNeverPrinted() {
    GatewayConfig.IngestStats stats =
        GatewayConfigLoader.parse(
                "ingestStats:\n  sourceId: gw-file\n  maxPendingMinutes: 30\n"
                    + "  clickhouse: {url: 'http://ch:8123/', user: writer, password: in-file}\n",
                Map.of(
                    "CALLPULSE_GATEWAY_SOURCE_ID", "gw-7",
                    "CALLPULSE_GATEWAY_STATS_FLUSH_INTERVAL_MS", "2500",
                    "CALLPULSE_GATEWAY_STATS_CLICKHOUSE_DATABASE", "analytics",
                    "CALLPULSE_GATEWAY_STATS_CLICKHOUSE_PASSWORD", "from-env-s3cret"))
            .ingestStats();
    assertTrue(stats.enabled());
    assertEquals("gw-7", stats.sourceId());
    assertEquals(2_500, stats.flushIntervalMs());
    assertEquals(30, stats.maxPendingMinutes());
    GatewayConfig.ClickHouse clickHouse = stats.clickHouse().orElseThrow();
    assertEquals("http://ch:8123", clickHouse.url());
    assertEquals("analytics", clickHouse.database());
    assertEquals("writer", clickHouse.user());
    assertEquals("from-env-s3cret", clickHouse.password());
    assertFalse(stats.toString().contains("s3cret"), stats.toString());
  }

  @Test
  void ingestStatsRefusalsNameTheKey() {
    assertRefused(
        "ingestStats:\n  clickhouse: {url: 'jdbc:clickhouse:http://ch:8123/db'}\n",
        "ingestStats.clickhouse.url must be ClickHouse's HTTP interface");
    assertRefused(
        "ingestStats:\n  clickhouse: {url: 'http://ch:8123', database: 'a;b'}\n",
        "ingestStats.clickhouse.database must be a plain identifier");
    assertRefused("ingestStats:\n  sourceId: 'gw 1'\n", "ingestStats.sourceId: a source id");
    assertRefused(
        "ingestStats:\n  flushIntervalMs: 10\n",
        "ingestStats.flushIntervalMs must be between 100 and 600000");
    assertRefused(
        "ingestStats:\n  clickhouse: {uri: x}\n", "unknown key ingestStats.clickhouse.uri");
  }

  private static void assertRefused(String yaml, String expected) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> GatewayConfigLoader.parse(yaml, Map.of()));
    assertTrue(
        e.getMessage().contains(expected),
        () -> "expected '" + expected + "' in: " + e.getMessage());
  }
}
