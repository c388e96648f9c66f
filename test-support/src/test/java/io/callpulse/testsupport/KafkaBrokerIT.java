package io.callpulse.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@RealKafka
class KafkaBrokerIT {

  @Test
  void createsTopicsWithTheRequestedPartitions(KafkaBroker kafka) throws Exception {
    String topic = kafka.createUniqueTopic("partitions", 3);

    int partitions =
        kafka
            .admin()
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(10, TimeUnit.SECONDS)
            .get(topic)
            .partitions()
            .size();

    assertEquals(3, partitions);
  }

  @Test
  void recordsProducedWithTheProjectClientAreConsumed(KafkaBroker kafka) throws Exception {
    String topic = kafka.createUniqueTopic("roundtrip", 2);
    List<String> sent = List.of("joined", "left", "role-changed");

    KafkaClients.produce(kafka.bootstrapServers(), topic, sent);

    assertEquals(
        sent.stream().sorted().toList(),
        KafkaClients.consume(kafka.bootstrapServers(), topic, sent.size()).stream()
            .sorted()
            .toList());
  }

  /** Plain kafka-clients (the project's pinned 3.9.2) against the 4.2.2 broker. */
  static final class KafkaClients {

    static void produce(String bootstrap, String topic, List<String> values) throws Exception {
      Map<String, Object> config =
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
              bootstrap,
              ProducerConfig.ACKS_CONFIG,
              "all",
              ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
              true);
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
        for (String value : values) {
          producer.send(new ProducerRecord<>(topic, value, value)).get(30, TimeUnit.SECONDS);
        }
      }
    }

    static List<String> consume(String bootstrap, String topic, int expected) {
      Map<String, Object> config =
          Map.of(
              ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
              bootstrap,
              ConsumerConfig.GROUP_ID_CONFIG,
              "test-" + topic,
              ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
              "earliest");
      List<String> values = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (values.size() < expected && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
            values.add(record.value());
          }
        }
        consumer.commitSync();
      }
      return values;
    }
  }
}
