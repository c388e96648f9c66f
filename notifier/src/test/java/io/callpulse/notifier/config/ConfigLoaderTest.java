package io.callpulse.notifier.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.notifier.event.EventType;
import io.callpulse.notifier.subscription.Subscription;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final Map<String, String> ENV =
      Map.of(
          "CALLPULSE_CLICKHOUSE_PASSWORD", "pw",
          "ACME_CRM_SECRET", SECRET,
          "ACME_BILLING_SECRET", SECRET);

  @Test
  void theExampleFileLoads() {
    NotifierConfig config = new ConfigLoader(ENV).load(Path.of("config/notifier.yaml"));
    assertEquals("callpulse.notifications", config.kafka().topic());
    assertEquals("callpulse.notifications.retry.5", config.kafka().retryTopic(5));
    assertEquals("callpulse.notifications.deadletter", config.kafka().deadLetterTopic());
    assertEquals("pw", config.clickhouse().password());
    assertEquals(
        List.of(30_000L, 60_000L, 120_000L, 240_000L, 480_000L), config.delivery().backoffMs());
    assertEquals(15_000, config.delivery().timeoutMs());
    assertEquals(3, config.subscriptions().size());
    Subscription crm = config.subscriptions().get(0);
    assertEquals(
        List.of(EventType.CHANNEL_EPOCH_CLOSED, EventType.USER_SESSION_CLOSED), crm.events());
    assertEquals(List.of(SECRET, SECRET), crm.secrets());
    assertEquals(Map.of("acmeAccount", "A-1042"), crm.customFields());
    assertTrue(crm.enabled());
    assertFalse(config.subscriptions().get(2).enabled());
  }

  @Test
  void defaultsWhenSectionsAreLeftOut() {
    NotifierConfig config =
        new ConfigLoader(Map.of())
            .parse("kafka: {bootstrapServers: 'k:9092'}\nclickhouse: {url: 'http://c:8123'}\n");
    assertEquals(DeliverySettings.defaults(), config.delivery());
    assertEquals(0.2, config.delivery().jitter());
    assertEquals("callpulse-notifier", config.kafka().groupId());
    assertEquals(5_000, config.subscriptionsReloadMs());
    assertTrue(config.subscriptions().isEmpty());
  }

  @Test
  void refusesUnsafeOrBrokenSubscriptions() {
    assertRefused("url: http://partner.example/hook", "must be https");
    assertRefused("url: http://partner.example/hook\n    allowInsecureLocal: true", "loopback");
    assertRefused("url: http://10.0.0.8/hook\n    allowInsecureLocal: true", "loopback");
    assertRefused("url: ftp://127.0.0.1/hook\n    allowInsecureLocal: true", "https");
    assertRefused("url: https://u:p@partner.example/hook", "user info");
    assertRefused("url: https://partner.example/h\n    customFields: {type: x}", "reserved");
    assertRefused("url: https://partner.example/h\n    secrets: [s3cr3t]", "whsec_");
    assertRefused("url: https://partner.example/h\n    events: [call.ended]", "unknown event type");
    assertRefused("url: https://partner.example/h\n    colour: blue", "colour");
    assertRefused("url: https://partner.example/h\n    secrets: [\"${NOT_SET}\"]", "NOT_SET");
  }

  @Test
  void allowsPlainHttpToLoopbackWhenAskedFor() {
    for (String host : List.of("127.0.0.1", "localhost", "[::1]")) {
      Subscription s = load("url: http://" + host + ":8080/hook\n    allowInsecureLocal: true");
      assertTrue(s.allowInsecureLocal());
    }
  }

  @Test
  void readsTheClickHousePasswordFromTheVariablePasswordEnvNamesAndNeverShowsIt() {
    String yaml =
        "kafka: {bootstrapServers: 'k:9092'}\n"
            + "clickhouse: {url: 'http://c:8123', passwordEnv: CH_PASSWORD}\n";
    NotifierConfig config = new ConfigLoader(Map.of("CH_PASSWORD", "s3cr3t")).parse(yaml);
    assertEquals("s3cr3t", config.clickhouse().password());
    assertFalse(config.clickhouse().toString().contains("s3cr3t"), config.toString());
    assertFalse(config.toString().contains("s3cr3t"), config.toString());
    assertTrue(config.clickhouse().toString().contains("passwordEnv=CH_PASSWORD"));

    ConfigException unset =
        assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).parse(yaml));
    assertTrue(unset.getMessage().contains("CH_PASSWORD"), unset.getMessage());
    String both = yaml.replace("passwordEnv", "password: x, passwordEnv");
    ConfigException twice =
        assertThrows(
            ConfigException.class,
            () -> new ConfigLoader(Map.of("CH_PASSWORD", "s3cr3t")).parse(both));
    assertTrue(twice.getMessage().contains("not both"), twice.getMessage());
    assertFalse(twice.getMessage().contains("s3cr3t"), twice.getMessage());
  }

  @Test
  void opsServerDefaultsToLoopback8090AndTheEnvironmentOverridesIt() {
    String minimal = "kafka: {bootstrapServers: 'k:9092'}\nclickhouse: {url: 'http://c:8123'}\n";
    OpsSettings defaults = new ConfigLoader(Map.of()).parse(minimal).ops();
    assertEquals(new OpsSettings("127.0.0.1", 8090), defaults);

    String withOps = minimal + "ops: {host: 0.0.0.0, port: 9000}\n";
    assertEquals(new OpsSettings("0.0.0.0", 9000), new ConfigLoader(Map.of()).parse(withOps).ops());
    Map<String, String> env =
        Map.of(OpsSettings.HOST_ENV, "10.0.0.7", OpsSettings.PORT_ENV, "9100");
    assertEquals(new OpsSettings("10.0.0.7", 9100), new ConfigLoader(env).parse(withOps).ops());

    ConfigException bad =
        assertThrows(
            ConfigException.class,
            () -> new ConfigLoader(Map.of(OpsSettings.PORT_ENV, "http")).parse(minimal));
    assertTrue(bad.getMessage().contains(OpsSettings.PORT_ENV), bad.getMessage());
    assertThrows(
        ConfigException.class,
        () -> new ConfigLoader(Map.of()).parse(minimal + "ops: {port: 70000}"));
  }

  private static Subscription load(String fields) {
    String yaml =
        "kafka: {bootstrapServers: 'k:9092'}\nclickhouse: {url: 'http://c:8123'}\n"
            + "subscriptions:\n  - id: s1\n    appId: a\n"
            + (fields.contains("events:") ? "" : "    events: [usage.daily.final]\n")
            + (fields.contains("secrets:") ? "" : "    secrets: [" + SECRET + "]\n")
            + "    "
            + fields
            + "\n";
    return new ConfigLoader(Map.of()).parse(yaml).subscriptions().get(0);
  }

  private static void assertRefused(String fields, String because) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(fields));
    assertTrue(e.getMessage().contains(because), e.getMessage());
  }
}
