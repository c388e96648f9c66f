package io.callpulse.notifier.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.callpulse.notifier.config.ConfigLoader;
import io.callpulse.notifier.event.EventType;
import io.callpulse.notifier.event.OutboundEvent;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionReloaderTest {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final OutboundEvent EPOCH_CLOSED =
      new OutboundEvent(
          "evt_1",
          EventType.CHANNEL_EPOCH_CLOSED,
          "app",
          Instant.EPOCH,
          JsonNodeFactory.instance.objectNode());

  @TempDir Path dir;
  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void appliesAChangedFileWithoutRestartAndKeepsTheLastGoodOneOnErrors() throws Exception {
    Path file = dir.resolve("notifier.yaml");
    Files.writeString(file, config("a", true));
    ConfigLoader loader = new ConfigLoader(Map.of());
    SubscriptionRegistry registry = new SubscriptionRegistry(loader.load(file).subscriptions());
    SubscriptionReloader reloader = new SubscriptionReloader(vertx, file, loader, registry);
    reloader.start(100);
    assertEquals(List.of("a"), ids(registry.matching(EPOCH_CLOSED)));

    Files.writeString(file, config("a", false) + config("b", true).split("subscriptions:\n")[1]);
    awaitTrue(() -> ids(registry.matching(EPOCH_CLOSED)).equals(List.of("b")));
    assertFalse(registry.isActive(registry.find("a").orElseThrow()), "a was disabled");

    Files.writeString(file, config("c", true).replace("https://", "http://"));
    Thread.sleep(400); // several reload periods: the broken file must not be applied
    assertEquals(List.of("b"), ids(registry.matching(EPOCH_CLOSED)));
    reloader.stop();
  }

  @Test
  void goneDisablesUntilTheUrlChanges() {
    ConfigLoader loader = new ConfigLoader(Map.of());
    SubscriptionRegistry registry =
        new SubscriptionRegistry(loader.parse(config("a", true)).subscriptions());
    registry.markGone(registry.find("a").orElseThrow());
    assertTrue(registry.matching(EPOCH_CLOSED).isEmpty());
    registry.replace(loader.parse(config("a", true).replace("/hook", "/hook2")).subscriptions());
    assertEquals(List.of("a"), ids(registry.matching(EPOCH_CLOSED)));
  }

  static String config(String id, boolean enabled) {
    return "kafka: {bootstrapServers: 'k:9092'}\nclickhouse: {url: 'http://c:8123'}\n"
        + "subscriptionsReloadMs: 100\nsubscriptions:\n"
        + "  - id: "
        + id
        + "\n    appId: app\n    url: https://"
        + id
        + ".example/hook\n    events: [channel.epoch.closed]\n    secrets: ["
        + SECRET
        + "]\n    enabled: "
        + enabled
        + "\n";
  }

  static List<String> ids(List<Subscription> subscriptions) {
    return subscriptions.stream().map(Subscription::id).toList();
  }

  static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }
}
