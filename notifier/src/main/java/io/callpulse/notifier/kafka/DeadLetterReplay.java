package io.callpulse.notifier.kafka;

import io.callpulse.notifier.config.KafkaSettings;
import io.callpulse.notifier.event.DeadLetter;
import io.callpulse.notifier.event.Delivery;
import io.callpulse.notifier.event.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Sends dead-lettered deliveries again: each matching record of the dead letter topic (from the
 * start, or from {@code since}) up to its end at the time of the call goes to the first retry tier,
 * due now, with a fresh attempt budget that continues the attempt numbering (so the audit keeps the
 * earlier attempts). The running notifier picks them up. Stateless by design: replaying twice sends
 * twice, and receivers dedupe on webhook-id.
 */
public final class DeadLetterReplay {

  private final Consumer<String, byte[]> consumer;
  private final Producer<String, byte[]> producer;
  private final KafkaSettings kafka;
  private final Clock clock;

  public DeadLetterReplay(
      Consumer<String, byte[]> consumer,
      Producer<String, byte[]> producer,
      KafkaSettings kafka,
      Clock clock) {
    this.consumer = consumer;
    this.producer = producer;
    this.kafka = kafka;
    this.clock = clock;
  }

  /** What a replay did. {@code unreadable}: records without a delivery (invalid input records). */
  public record Result(int replayed, int skipped, int unreadable) {}

  public Result replay(Predicate<DeadLetter> filter, Instant since, boolean dryRun)
      throws InterruptedException {
    List<TopicPartition> partitions =
        consumer.partitionsFor(kafka.deadLetterTopic(), Duration.ofSeconds(30)).stream()
            .map((PartitionInfo p) -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    seekToStart(partitions, since);
    int replayed = 0;
    int skipped = 0;
    int unreadable = 0;
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    while (!reachedEnd(partitions, end)) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
          continue;
        }
        DeadLetter dead;
        try {
          dead = Json.read(record.value(), DeadLetter.class);
        } catch (IllegalArgumentException e) {
          unreadable++;
          continue;
        }
        if (dead.delivery() == null) {
          unreadable++;
        } else if (!filter.test(dead)) {
          skipped++;
        } else {
          replayed++;
          if (!dryRun) {
            Delivery again = dead.delivery().replayed(clock.instant());
            sends.add(producer.send(OutcomeRecorder.retryRecord(kafka, again, 1)));
          }
        }
      }
    }
    for (Future<RecordMetadata> send : sends) {
      try {
        send.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("Kafka refused a replayed delivery", e.getCause());
      }
    }
    return new Result(replayed, skipped, unreadable);
  }

  private void seekToStart(List<TopicPartition> partitions, Instant since) {
    if (since == null) {
      consumer.seekToBeginning(partitions);
      return;
    }
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(p -> query.put(p, since.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp at = found.get(partition);
      consumer.seek(partition, at == null ? end.get(partition) : at.offset());
    }
  }

  private boolean reachedEnd(List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
    return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
  }
}
