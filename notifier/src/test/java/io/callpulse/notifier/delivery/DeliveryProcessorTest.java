package io.callpulse.notifier.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callpulse.notifier.TestReceiver;
import io.callpulse.notifier.TestReceiver.Reply;
import io.callpulse.notifier.audit.AuditRow;
import io.callpulse.notifier.config.DeliverySettings;
import io.callpulse.notifier.event.Delivery;
import io.callpulse.notifier.event.EventIds;
import io.callpulse.notifier.event.EventType;
import io.callpulse.notifier.event.Json;
import io.callpulse.notifier.event.OutboundEvent;
import io.callpulse.notifier.subscription.Subscription;
import io.callpulse.notifier.subscription.SubscriptionRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One attempt at a time against a real HTTP receiver (no Kafka, no ClickHouse). */
class DeliveryProcessorTest {

  static final String NEW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String OLD_SECRET = "whsec_c2Vjb25kLXNlY3JldC0xMjM0NTY3OA==";
  static final Instant OCCURRED = Instant.parse("2025-03-01T10:00:00Z");

  final Vertx vertx = Vertx.vertx();
  final Context context = vertx.getOrCreateContext();
  TestReceiver receiver;
  SubscriptionRegistry registry;
  DeliveryProcessor processor;

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    if (receiver != null) {
      receiver.close();
    }
  }

  void start(TestReceiver.Script script, DeliverySettings settings) throws Exception {
    receiver = TestReceiver.start(List.of(OLD_SECRET, NEW_SECRET), script);
    registry =
        new SubscriptionRegistry(
            List.of(
                new Subscription(
                    "crm",
                    "app1",
                    receiver.url(),
                    true,
                    List.of(EventType.CHANNEL_EPOCH_CLOSED),
                    List.of(NEW_SECRET, OLD_SECRET),
                    Map.of("account", "A-1"),
                    true)));
    processor =
        new DeliveryProcessor(
            registry,
            new WebhookSender(
                vertx,
                vertx.createHttpClient(
                    new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(8)),
                settings.timeoutMs(),
                Clock.systemUTC()),
            new BackoffPolicy(settings),
            settings,
            Clock.systemUTC());
  }

  static DeliverySettings settings(long timeoutMs, int maxConcurrent, int breakerFailures) {
    return new DeliverySettings(
        timeoutMs, List.of(50L, 100L), 0.2, 60_000, maxConcurrent, breakerFailures, 60_000);
  }

  static OutboundEvent event(String epoch) {
    ObjectNode data =
        Json.MAPPER.createObjectNode().put("channelName", "room").put("epochId", epoch);
    return new OutboundEvent(
        EventIds.channelEpochClosed("app1", "room", epoch),
        EventType.CHANNEL_EPOCH_CLOSED,
        "app1",
        OCCURRED,
        data);
  }

  Outcome attempt(Delivery delivery) throws Exception {
    return onContext(() -> processor.attempt(delivery));
  }

  <T> T onContext(Supplier<Future<T>> action) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    context.runOnContext(
        v ->
            action
                .get()
                .onComplete(
                    r -> {
                      if (r.succeeded()) {
                        done.complete(r.result());
                      } else {
                        done.completeExceptionally(r.cause());
                      }
                    }));
    return done.get(20, TimeUnit.SECONDS);
  }

  @Test
  void deliversASignedStandardWebhooksPayload() throws Exception {
    start((id, nth) -> Reply.ok(), settings(5_000, 4, 5));
    OutboundEvent event = event("e1");
    Outcome outcome = attempt(Delivery.first(event, "crm", Instant.now()));

    assertTrue(outcome.retry().isEmpty() && outcome.deadLetter().isEmpty());
    AuditRow audit = outcome.audit().orElseThrow();
    assertEquals(
        List.of("crm", event.eventId(), 1, 204, AuditRow.DELIVERED, ""),
        List.of(
            audit.subscriptionId(),
            audit.eventId(),
            audit.attempt(),
            audit.statusCode(),
            audit.outcome(),
            audit.error()));
    TestReceiver.Request request = receiver.requests().get(0);
    assertTrue(request.signatureValid());
    assertEquals(event.eventId(), request.webhookId());
    JsonNode body = Json.MAPPER.readTree(request.body());
    assertEquals("channel.epoch.closed", body.get("type").asText());
    assertEquals("2025-03-01T10:00:00Z", body.get("timestamp").asText());
    assertEquals("app1", body.get("appId").asText());
    assertEquals("e1", body.get("data").get("epochId").asText());
    assertEquals("A-1", body.get("account").asText());
    // signed with the first secret only: a receiver that knows only the old one refuses it
    byte[] sent = request.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(
        WebhookSigner.verify(
            List.of(NEW_SECRET),
            request.webhookId(),
            request.timestamp(),
            sent,
            request.signature()));
    assertFalse(
        WebhookSigner.verify(
            List.of(OLD_SECRET),
            request.webhookId(),
            request.timestamp(),
            sent,
            request.signature()));
  }

  @Test
  void aServerErrorIsRetriedInTheFirstTierAfterTheBackoff() throws Exception {
    start((id, nth) -> Reply.status(500), settings(5_000, 4, 5));
    Instant before = Instant.now();
    Outcome outcome = attempt(Delivery.first(event("e1"), "crm", before));

    Delivery next = outcome.retry().orElseThrow();
    assertEquals(2, next.attempt());
    assertEquals(1, outcome.retryTier());
    assertFalse(next.dueAt().isBefore(before.plusMillis(40)), "backoff 50 ms minus jitter");
    AuditRow audit = outcome.audit().orElseThrow();
    assertEquals(AuditRow.RETRY, audit.outcome());
    assertEquals(500, audit.statusCode());
    assertTrue(audit.error().startsWith("HTTP 500: scripted 500"), audit.error());
    assertEquals(next.dueAt(), audit.nextAttemptAt().orElseThrow());
  }

  @Test
  void retryAfterOfA429IsHonoured() throws Exception {
    start((id, nth) -> new Reply(429, 0, "3"), settings(5_000, 4, 5));
    Instant before = Instant.now();
    Outcome outcome = attempt(Delivery.first(event("e1"), "crm", before));

    Delivery next = outcome.retry().orElseThrow();
    assertFalse(
        next.dueAt().isBefore(before.plusSeconds(3)), "Retry-After: 3 beats the 50 ms backoff");
    assertEquals(2, outcome.retryTier(), "a wait longer than every tier goes to the last");
  }

  @Test
  void goneDisablesTheSubscriptionAndDeadLettersTheEvent() throws Exception {
    start((id, nth) -> Reply.status(410), settings(5_000, 4, 5));
    Outcome outcome = attempt(Delivery.first(event("e1"), "crm", Instant.now()));

    assertEquals("gone", outcome.deadLetter().orElseThrow().reason());
    assertEquals(AuditRow.GONE, outcome.audit().orElseThrow().outcome());
    assertFalse(registry.isActive(registry.find("crm").orElseThrow()));
    Outcome later = attempt(Delivery.first(event("e2"), "crm", Instant.now()));
    assertEquals("subscription_disabled", later.deadLetter().orElseThrow().reason());
    assertTrue(later.audit().isEmpty(), "nothing was sent");
    assertEquals(1, receiver.requests().size());
  }

  @Test
  void aSlowEndpointTimesOutAndIsRetried() throws Exception {
    start((id, nth) -> new Reply(200, 3_000, null), settings(200, 4, 5));
    Outcome outcome = attempt(Delivery.first(event("e1"), "crm", Instant.now()));

    AuditRow audit = outcome.audit().orElseThrow();
    assertEquals(0, audit.statusCode());
    assertTrue(audit.error().contains("timeout"), audit.error());
    assertTrue(audit.latencyMs() < 3_000, "cut at the timeout, got " + audit.latencyMs());
    assertEquals(2, outcome.retry().orElseThrow().attempt());
  }

  @Test
  void theLastAttemptGoesToTheDeadLetterTopic() throws Exception {
    start((id, nth) -> Reply.status(503), settings(5_000, 4, 5));
    OutboundEvent event = event("e1");
    Outcome outcome = attempt(new Delivery(event, "crm", 3, 1, Instant.now()));

    var dead = outcome.deadLetter().orElseThrow();
    assertEquals("attempts_exhausted", dead.reason());
    assertEquals(503, dead.lastStatus());
    assertEquals(4, dead.delivery().attempt(), "a replay continues the numbering");
    assertEquals(AuditRow.DEAD_LETTER, outcome.audit().orElseThrow().outcome());
  }

  @Test
  void anOpenCircuitSendsNothingAndKeepsTheAttempt() throws Exception {
    start((id, nth) -> Reply.status(500), settings(5_000, 4, 2));
    attempt(Delivery.first(event("e1"), "crm", Instant.now()));
    attempt(Delivery.first(event("e2"), "crm", Instant.now()));
    Outcome outcome = attempt(Delivery.first(event("e3"), "crm", Instant.now()));

    assertEquals(2, receiver.requests().size(), "the third was not sent");
    assertTrue(outcome.audit().isEmpty());
    Delivery deferred = outcome.retry().orElseThrow();
    assertEquals(1, deferred.attempt());
    assertTrue(deferred.dueAt().isAfter(Instant.now().plus(Duration.ofSeconds(50))));
  }

  @Test
  void noMoreThanTheLimitInFlightToOneEndpoint() throws Exception {
    start((id, nth) -> new Reply(200, 150, null), settings(5_000, 2, 5));
    List<Outcome> outcomes =
        onContext(
            () ->
                Future.all(
                        List.of("a", "b", "c", "d", "e", "f").stream()
                            .map(
                                e ->
                                    processor.attempt(
                                        Delivery.first(event(e), "crm", Instant.now())))
                            .toList())
                    .map(all -> all.<Outcome>list()));

    assertEquals(
        6, outcomes.stream().filter(o -> o.audit().orElseThrow().statusCode() == 200).count());
    assertEquals(2, receiver.maxInFlight());
  }

  @Test
  void aRemovedSubscriptionsRetriesAreDeadLettered() throws Exception {
    start((id, nth) -> Reply.ok(), settings(5_000, 4, 5));
    registry.replace(List.of());
    Outcome outcome = attempt(new Delivery(event("e1"), "crm", 2, 1, Instant.now()));
    assertEquals("subscription_removed", outcome.deadLetter().orElseThrow().reason());
    assertTrue(receiver.requests().isEmpty());
  }
}
