package io.callpulse.jobs.bench;

import io.callpulse.model.IngestHeaders;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A bench topic of {@code callpulse.ncs.events} records written exactly as the gateway writes them
 * (ingress-gateway NcsWebhookRoutes): value = raw body, key = {@link IngestHeaders#recordKey},
 * record timestamp = received-at, headers = {@link IngestHeaders}, acks=all, idempotent, lz4.
 */
final class IngestTopic implements AutoCloseable {
  private final String name;
  private final KafkaProducer<byte[], byte[]> producer;

  private IngestTopic(String bootstrap, String name) {
    this.name = name;
    this.producer = new KafkaProducer<>(producerConfig(bootstrap));
  }

  /** Creates the topic (it must not exist: bench topics are unique per run). */
  static IngestTopic create(String bootstrap, String name, int partitions) throws Exception {
    createTopic(bootstrap, name, partitions);
    return new IngestTopic(bootstrap, name);
  }

  /** Creates a topic that the bench does not write itself (the job's outputs). */
  static void createTopic(String bootstrap, String name, int partitions) throws Exception {
    try (Admin admin = Admin.create(adminConfig(bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
      awaitLeaders(admin, name);
    }
  }

  /**
   * Waits until every partition of a new topic has a leader. Produced to at once, an idempotent
   * producer's first request can be refused (NOT_LEADER_OR_FOLLOWER) while its second is appended;
   * the first then fails with OutOfOrderSequence until it expires (KAFKA-15591): a fill lost
   * records that way once.
   */
  private static void awaitLeaders(Admin admin, String name) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      TopicDescription description =
          admin.describeTopics(List.of(name)).allTopicNames().get(60, TimeUnit.SECONDS).get(name);
      if (description.partitions().stream().allMatch(p -> p.leader() != null)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topic " + name + " has partitions without a leader");
      }
      Thread.sleep(50);
    }
  }

  String name() {
    return name;
  }

  /** A new ingest id, as the gateway gives each accepted request. */
  static String newIngestId() {
    return UUID.randomUUID().toString();
  }

  /** Sends one copy as the gateway would. */
  void send(Delivery delivery, String ingestId, Callback callback) {
    NcsNotice notice = delivery.notice();
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            name,
            null,
            delivery.receivedAtMs(),
            IngestHeaders.recordKey(notice.appId(), notice.keyChannel(), delivery.noticeId()),
            delivery.body(),
            List.of(
                header(IngestHeaders.APP_ID, notice.appId()),
                header(IngestHeaders.RECEIVED_AT_MS, Long.toString(delivery.receivedAtMs())),
                header(IngestHeaders.SOURCE_IP, "52.80.192." + (1 + (ingestId.hashCode() & 63))),
                header(IngestHeaders.SIGNATURE, IngestHeaders.SIGNATURE_V2),
                header(IngestHeaders.INGEST_ID, ingestId),
                header(IngestHeaders.HEALTH_CHECK, Boolean.toString(notice.healthCheck()))));
    producer.send(record, callback);
  }

  void flush() {
    producer.flush();
  }

  static void delete(String bootstrap, String name) throws Exception {
    try (Admin admin = Admin.create(adminConfig(bootstrap))) {
      admin.deleteTopics(List.of(name)).all().get(60, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    producer.close();
  }

  private static Header header(String name, String value) {
    return new RecordHeader(name, IngestHeaders.utf8(value));
  }

  private static Properties adminConfig(String bootstrap) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return props;
  }

  private static Properties producerConfig(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // 128 KB batches: platform.md measured 560-645k msg/s with them against ~250k with 16 KB.
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }
}
