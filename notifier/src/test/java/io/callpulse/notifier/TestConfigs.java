package io.callpulse.notifier;

import io.callpulse.testsupport.ClickHouseDatabase;
import io.callpulse.testsupport.KafkaBroker;

/** Pieces of the notifier's YAML config for the integration tests, joined by the caller. */
final class TestConfigs {
  private TestConfigs() {}

  /**
   * The kafka, clickhouse (with {@code credential}: a {@code password:} or {@code passwordEnv:}
   * line) and ops (free port) sections.
   */
  static String connections(
      KafkaBroker kafka,
      String topic,
      String clickhouseUrl,
      ClickHouseDatabase db,
      String credential) {
    return String.join(
        "\n",
        "kafka:",
        "  bootstrapServers: " + kafka.bootstrapServers(),
        "  groupId: notifier-" + topic,
        "  topic: " + topic,
        "clickhouse:",
        "  url: " + clickhouseUrl,
        "  database: " + db.name(),
        "  user: " + db.user(),
        "  " + credential,
        "ops:",
        "  port: 0",
        "");
  }

  /** One subscriptions[] entry posting {@code event} of {@code appId} to a local receiver. */
  static String subscription(String id, String appId, String url, String event, String secret) {
    return String.join(
        "\n",
        "  - id: " + id,
        "    appId: " + appId,
        "    url: " + url,
        "    allowInsecureLocal: true",
        "    events: [" + event + "]",
        "    secrets: [" + secret + "]",
        "");
  }
}
