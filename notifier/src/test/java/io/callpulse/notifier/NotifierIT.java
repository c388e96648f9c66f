package io.callpulse.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.notifier.TestReceiver.Reply;
import io.callpulse.notifier.config.ConfigLoader;
import io.callpulse.notifier.event.DeadLetter;
import io.callpulse.notifier.event.EventIds;
import io.callpulse.notifier.event.EventType;
import io.callpulse.notifier.event.Json;
import io.callpulse.notifier.event.OutboundEvent;
import io.callpulse.notifier.kafka.KafkaClients;
import io.callpulse.testsupport.ClickHouseDatabase;
import io.callpulse.testsupport.KafkaBroker;
import io.callpulse.testsupport.RealClickHouse;
import io.callpulse.testsupport.RealKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The whole notifier against a real broker, a real ClickHouse and a real HTTP receiver. */
@RealKafka
@RealClickHouse
class NotifierIT {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final Instant OCCURRED = Instant.parse("2025-03-01T10:00:00Z");

  @TempDir Path dir;
  String topic;
  TestReceiver receiver;
  final List<NotifierService> services = new ArrayList<>();

  @BeforeAll
  static void schema(ClickHouseDatabase db) throws Exception {
    // the migration file the sinks module's Migrator applies in deployments
    String ddl =
        Files.readString(
            Path.of("../sinks/src/main/resources/db/migration/V009__webhook_deliveries.sql"));
    db.execute(ddl.replace("${database}", db.name()));
  }

  @BeforeEach
  void topic(KafkaBroker kafka) {
    topic = "notifications-" + UUID.randomUUID();
    kafka.createTopic(topic, 2);
  }

  @AfterEach
  void stop() throws Exception {
    services.forEach(s -> s.stop(Duration.ofSeconds(10)));
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void retriesThroughFailuresUntilDeliveredAndAuditsEveryAttempt(
      KafkaBroker kafka, ClickHouseDatabase db) throws Exception {
    receiver =
        TestReceiver.start(
            List.of(SECRET),
            (id, nth) ->
                switch (nth) {
                  case 1 -> Reply.status(500);
                  case 2 -> new Reply(429, 0, "1");
                  case 3 -> new Reply(200, 5_000, null); // cut by the 300 ms timeout
                  default -> Reply.ok();
                });
    Path config = writeConfig(kafka, db, "[50, 100, 200, 400]", 300);
    services.add(NotifierService.start(new ConfigLoader().load(config), config, Clock.systemUTC()));

    OutboundEvent epoch = epochClosed("app1", "e1");
    OutboundEvent usage = usageFinal("app1", "2025-03-01");
    OutboundEvent otherTenant = epochClosed("app2", "e1");
    produce(
        kafka,
        topic,
        List.of(
            Json.write(epoch),
            Json.write(usage),
            Json.write(otherTenant),
            "{not json".getBytes(StandardCharsets.UTF_8)));

    Set<String> ids = Set.of(epoch.eventId(), usage.eventId(), otherTenant.eventId());
    awaitTrue(
        () -> receiver.delivered().equals(Set.of(epoch.eventId(), usage.eventId())),
        () -> "delivered " + receiver.delivered());
    awaitTrue(() -> auditRows(db, ids).size() == 8, () -> "audit " + auditRows(db, ids));

    for (OutboundEvent event : List.of(epoch, usage)) {
      String subscription = event == epoch ? "crm" : "billing";
      assertEquals(
          List.of(
              List.of(subscription, event.eventId(), "1", "500", "retry"),
              List.of(subscription, event.eventId(), "2", "429", "retry"),
              List.of(subscription, event.eventId(), "3", "0", "retry"),
              List.of(subscription, event.eventId(), "4", "204", "delivered")),
          auditRows(db, ids).stream().filter(r -> r.get(1).equals(event.eventId())).toList());
      assertEquals(4, receiver.requestsFor(event.eventId()));
    }
    assertTrue(receiver.requests().stream().allMatch(TestReceiver.Request::signatureValid));
    assertEquals(Map.of(epoch.eventId(), 1, usage.eventId(), 1), receiver.successesById());
    List<DeadLetter> dead = awaitDeadLetters(kafka, 1);
    assertEquals("invalid_record", dead.get(0).reason());
    assertEquals("{not json", dead.get(0).raw());
  }

  @Test
  void aRestartInTheMiddleOfRetriesLosesAndDuplicatesNothing(
      KafkaBroker kafka, ClickHouseDatabase db) throws Exception {
    receiver =
        TestReceiver.start(List.of(SECRET), (id, nth) -> nth <= 2 ? Reply.status(503) : Reply.ok());
    Path config = writeConfig(kafka, db, "[2500, 2500, 2500]", 5_000);
    NotifierService first =
        NotifierService.start(new ConfigLoader().load(config), config, Clock.systemUTC());
    services.add(first);
    List<OutboundEvent> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      events.add(epochClosed("app1", "epoch-" + i));
    }
    produce(kafka, topic, events.stream().map(Json::write).toList());
    Set<String> ids = events.stream().map(OutboundEvent::eventId).collect(Collectors.toSet());

    // every first attempt failed: all twelve now wait in the first retry tier
    awaitTrue(
        () -> ids.stream().allMatch(id -> receiver.requestsFor(id) >= 1),
        () -> "first attempts " + receiver.requests().size());
    first.stop(Duration.ofSeconds(20));
    services.remove(first);
    assertTrue(receiver.delivered().isEmpty(), "stopped in the middle of the retries");

    services.add(NotifierService.start(new ConfigLoader().load(config), config, Clock.systemUTC()));
    awaitTrue(
        () -> receiver.delivered().equals(ids), () -> "delivered " + receiver.delivered().size());
    awaitTrue(
        () -> auditRows(db, ids).size() == 36, () -> "audit rows " + auditRows(db, ids).size());

    for (String id : ids) {
      assertEquals(3, receiver.requestsFor(id), "requests for " + id);
      assertEquals(
          List.of("1:503:retry", "2:503:retry", "3:204:delivered"),
          auditRows(db, ids).stream()
              .filter(r -> r.get(1).equals(id))
              .map(r -> r.get(2) + ":" + r.get(3) + ":" + r.get(4))
              .toList());
    }
    assertTrue(receiver.successesById().values().stream().allMatch(n -> n == 1));
    assertEquals(
        List.of(List.of("36")),
        db.query("SELECT count() FROM webhook_deliveries WHERE event_id IN (" + quoted(ids) + ")"),
        "no attempt was made or written twice");
  }

  @Test
  void aCrashMidBatchRepeatsAttemptsButDeliversOnceInEffectAndAuditsAll(
      KafkaBroker kafka, ClickHouseDatabase db) throws Exception {
    // the first request of each event hangs, so the crash finds the whole batch in flight
    receiver =
        TestReceiver.start(
            List.of(SECRET), (id, nth) -> nth == 1 ? new Reply(204, 1_500, null) : Reply.ok());
    Path config = writeConfig(kafka, db, "[100, 100]", 5_000);
    // both events are in the topic before the notifier starts, so its first poll holds both:
    // produced
    // while it polls, the first could come alone, be delivered and committed before the crash
    KafkaClients.ensureTopics(new ConfigLoader().load(config).kafka(), List.of(topic));
    List<OutboundEvent> events = List.of(epochClosed("app1", "x1"), epochClosed("app1", "x2"));
    produce(kafka, topic, events.stream().map(Json::write).toList());
    NotifierService first =
        NotifierService.start(new ConfigLoader().load(config), config, Clock.systemUTC());
    services.add(first);
    Set<String> ids = events.stream().map(OutboundEvent::eventId).collect(Collectors.toSet());
    awaitTrue(
        () -> receiver.requests().size() == 2, () -> "requests " + receiver.requests().size());
    first.halt();
    services.remove(first);

    services.add(NotifierService.start(new ConfigLoader().load(config), config, Clock.systemUTC()));
    awaitTrue(
        () -> ids.stream().allMatch(id -> receiver.requestsFor(id) == 2),
        () -> "requests " + receiver.requests().size());
    awaitTrue(() -> auditRows(db, ids).size() == 2, () -> "audit " + auditRows(db, ids));
    // the partner got each event twice and acted once (dedupe on webhook-id); the audit holds
    // attempt 1, made again after the crash, once
    assertEquals(ids, receiver.delivered());
    for (String id : ids) {
      assertEquals(
          List.of("1:204:delivered"),
          auditRows(db, ids).stream()
              .filter(r -> r.get(1).equals(id))
              .map(r -> r.get(2) + ":" + r.get(3) + ":" + r.get(4))
              .toList());
    }
  }

  @Test
  void givesUpAfterTheLastAttemptAndTheReplayCommandDeliversLater(
      KafkaBroker kafka, ClickHouseDatabase db) throws Exception {
    receiver = TestReceiver.start(List.of(SECRET), (id, nth) -> Reply.status(500));
    Path config = writeConfig(kafka, db, "[50]", 5_000);
    services.add(NotifierService.start(new ConfigLoader().load(config), config, Clock.systemUTC()));
    OutboundEvent event = epochClosed("app1", "lost");
    produce(kafka, topic, List.of(Json.write(event)));
    Set<String> ids = Set.of(event.eventId());

    List<DeadLetter> dead = awaitDeadLetters(kafka, 1);
    assertEquals("attempts_exhausted", dead.get(0).reason());
    assertEquals(500, dead.get(0).lastStatus());
    assertEquals(3, dead.get(0).delivery().attempt());

    receiver.script((id, nth) -> Reply.ok());
    StringWriter out = new StringWriter();
    int exit =
        new CommandLine(new NotifierMain())
            .setOut(new PrintWriter(out))
            .execute(
                "replay",
                "--from-deadletter",
                "--config",
                config.toString(),
                "--subscription",
                "crm");
    assertEquals(0, exit);
    assertTrue(out.toString().startsWith("replayed 1,"), out.toString());

    awaitTrue(() -> receiver.delivered().contains(event.eventId()), () -> "not delivered");
    awaitTrue(() -> auditRows(db, ids).size() == 3, () -> "audit " + auditRows(db, ids));
    assertEquals(
        List.of("1:500:retry", "2:500:dead_letter", "3:204:delivered"),
        auditRows(db, ids).stream().map(r -> r.get(2) + ":" + r.get(3) + ":" + r.get(4)).toList());
  }

  // --- fixtures ---

  Path writeConfig(KafkaBroker kafka, ClickHouseDatabase db, String backoffMs, long timeoutMs)
      throws Exception {
    Path file = dir.resolve("notifier.yaml");
    Files.writeString(
        file,
        TestConfigs.connections(
                kafka,
                topic,
                "http://127.0.0.1:" + db.server().httpPort(),
                db,
                "password: " + db.password())
            + String.join(
                "\n",
                "delivery:",
                "  timeoutMs: " + timeoutMs,
                "  backoffMs: " + backoffMs,
                "  breakerFailures: 100",
                "subscriptions:",
                "")
            + TestConfigs.subscription(
                "crm", "app1", receiver.url(), "channel.epoch.closed", SECRET)
            + TestConfigs.subscription(
                "billing", "app1", receiver.url(), "usage.daily.final", SECRET));
    return file;
  }

  static OutboundEvent epochClosed(String app, String epochId) {
    return new OutboundEvent(
        EventIds.channelEpochClosed(app, "room", epochId),
        EventType.CHANNEL_EPOCH_CLOSED,
        app,
        OCCURRED,
        Json.MAPPER.createObjectNode().put("channelName", "room").put("epochId", epochId));
  }

  static OutboundEvent usageFinal(String app, String day) {
    return new OutboundEvent(
        EventIds.usageDailyFinal(app, day),
        EventType.USAGE_DAILY_FINAL,
        app,
        OCCURRED,
        Json.MAPPER.createObjectNode().put("day", day).put("seconds", 3600));
  }

  static void produce(KafkaBroker kafka, String topic, List<byte[]> values) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, value)).get();
      }
    }
  }

  List<DeadLetter> awaitDeadLetters(KafkaBroker kafka, int count) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", kafka.bootstrapServers());
    List<DeadLetter> dead = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      awaitTrue(
          () -> !consumer.partitionsFor(topic + ".deadletter").isEmpty(),
          () -> "no dead letter topic");
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic + ".deadletter").stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      awaitTrue(
          () -> {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
              dead.add(Json.read(r.value(), DeadLetter.class));
            }
            return dead.size() >= count;
          },
          () -> "dead letters " + dead);
    }
    return dead;
  }

  /** This test's rows: the database is shared by the class. */
  static List<List<String>> auditRows(ClickHouseDatabase db, Set<String> ids) {
    return db.query(
        "SELECT subscription_id, event_id, toString(attempt), toString(status_code), outcome"
            + " FROM webhook_deliveries FINAL WHERE event_id IN ("
            + quoted(ids)
            + ") ORDER BY subscription_id, event_id, attempt");
  }

  static String quoted(Set<String> ids) {
    return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
  }

  static void awaitTrue(BooleanSupplier condition, Supplier<String> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within 45 s: " + state.get());
      }
      Thread.sleep(50);
    }
  }
}
