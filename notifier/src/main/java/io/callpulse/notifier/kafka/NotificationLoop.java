package io.callpulse.notifier.kafka;

import io.callpulse.notifier.config.KafkaSettings;
import io.callpulse.notifier.delivery.Outcome;
import io.callpulse.notifier.event.DeadLetter;
import io.callpulse.notifier.event.Delivery;
import io.callpulse.notifier.event.Json;
import io.callpulse.notifier.event.OutboundEvent;
import io.callpulse.notifier.subscription.Subscription;
import io.callpulse.notifier.subscription.SubscriptionRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread: reads the notification topic and the retry tiers, has each due delivery
 * attempted, records the outcomes, then commits. One poll is one batch and nothing of a batch is
 * committed before all its outcomes are durable, so a crash at any point repeats at most the
 * attempts of one batch (with the same attempt numbers: receivers dedupe on webhook-id, the audit
 * table on its key) and loses none.
 *
 * <p>A retry partition whose next record is not due yet is paused and rewound to that record until
 * its due time: the retry state lives in Kafka, the only thing in memory is when to resume.
 */
public final class NotificationLoop implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationLoop.class);
  private static final long MAX_POLL_MS = 100;

  /** Outside a batch, a loop that has not polled for this long is stuck. */
  static final long STALL_MS = 60_000;

  /**
   * A consumer without a single broker connection for this long has lost Kafka, although poll()
   * keeps returning (empty) and it stays assigned.
   */
  static final long DISCONNECTED_MS = 10_000;

  private final Consumer<String, byte[]> consumer;
  private final KafkaSettings kafka;
  private final List<String> topics;
  private final SubscriptionRegistry registry;
  private final Function<List<Delivery>, List<Outcome>> attempts;
  private final OutcomeRecorder recorder;
  private final Clock clock;
  private final LoopObserver observer;
  private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
  private volatile boolean stopping;
  // read by /ready from another thread
  private volatile boolean joined;
  private volatile boolean finished;
  private volatile boolean inBatch;
  private volatile long lastPollMs;
  private volatile long lastConnectedMs;
  private Metric connectionCount; // the consumer's own gauge, looked up once (consumer thread)

  /**
   * @param attempts makes the attempts of one batch and returns their outcomes, in any order
   */
  public NotificationLoop(
      Consumer<String, byte[]> consumer,
      KafkaSettings kafka,
      List<String> retryTopics,
      SubscriptionRegistry registry,
      Function<List<Delivery>, List<Outcome>> attempts,
      OutcomeRecorder recorder,
      Clock clock,
      LoopObserver observer) {
    this.consumer = consumer;
    this.kafka = kafka;
    this.topics = new ArrayList<>(retryTopics);
    this.topics.add(0, kafka.topic());
    this.registry = registry;
    this.attempts = attempts;
    this.recorder = recorder;
    this.clock = clock;
    this.observer = observer;
    this.lastPollMs = clock.millis();
    this.lastConnectedMs = lastPollMs;
  }

  /**
   * Why the loop is not consuming, or null when it is: it has joined its consumer group (an empty
   * assignment counts: more replicas than partitions) and polls, or is working on a batch (which
   * may wait for slow endpoints or, on purpose, for ClickHouse).
   */
  public String problem() {
    if (finished) {
      return "the consumer loop has stopped";
    }
    if (!joined) {
      return "not (yet) a member of consumer group " + kafka.groupId();
    }
    long sincePoll = clock.millis() - lastPollMs;
    if (!inBatch && sincePoll > STALL_MS) {
      return "no poll for " + sincePoll + " ms";
    }
    long disconnected = lastPollMs - lastConnectedMs;
    if (disconnected > DISCONNECTED_MS) {
      return "no connection to Kafka ("
          + kafka.bootstrapServers()
          + ") for "
          + disconnected / 1000
          + " s";
    }
    return null;
  }

  @Override
  public void run() {
    consumer.subscribe(topics, new ForgetPausesOnRevoke());
    try {
      while (!stopping) {
        step();
      }
    } catch (OutcomeRecorder.StoppedException e) {
      LOG.info("halted with a batch unrecorded: it will be attempted again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("notification loop failed", e);
      throw e;
    } finally {
      finished = true;
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Finishes the batch in hand, commits it, and returns from {@link #run()}. */
  public void stop() {
    stopping = true;
  }

  private void step() throws InterruptedException {
    resumeDuePartitions();
    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(pollTimeoutMs()));
    lastPollMs = clock.millis();
    if (connections() > 0) {
      lastConnectedMs = lastPollMs;
    }
    if (records.isEmpty()) {
      return;
    }
    inBatch = true;
    try {
      process(records);
    } finally {
      inBatch = false;
      lastPollMs = clock.millis();
    }
  }

  private void process(ConsumerRecords<String, byte[]> records) throws InterruptedException {
    Batch batch = plan(records);
    List<Outcome> outcomes = new ArrayList<>(batch.unreadable);
    if (!batch.deliveries.isEmpty()) {
      outcomes.addAll(attempts.apply(batch.deliveries));
    }
    try {
      recorder.record(outcomes);
      observer.recorded(outcomes);
      if (!batch.commits.isEmpty()) {
        consumer.commitSync(batch.commits);
      }
    } catch (OutcomeRecorder.StoppedException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.error("could not record a batch's outcomes, it will be attempted again", e);
      batch.firstOffsets.forEach(consumer::seek);
      Thread.sleep(1_000);
    }
  }

  /** The consumer's open broker connections ({@code connection-count}); 1 if it has no gauge. */
  private double connections() {
    if (connectionCount == null) {
      for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
        if (metric.getKey().name().equals("connection-count")
            && metric.getKey().group().equals("consumer-metrics")) {
          connectionCount = metric.getValue();
        }
      }
      if (connectionCount == null) {
        return 1; // a consumer without metrics (a test double) cannot tell
      }
    }
    return connectionCount.metricValue() instanceof Number n ? n.doubleValue() : 1;
  }

  private Batch plan(ConsumerRecords<String, byte[]> records) {
    Batch batch = new Batch();
    Instant now = clock.instant();
    for (TopicPartition partition : records.partitions()) {
      observer.consumed(partition.topic(), records.records(partition).size());
      boolean retryTier = !partition.topic().equals(kafka.topic());
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        if (retryTier) {
          long due = dueAt(record);
          if (due > now.toEpochMilli()) {
            consumer.pause(List.of(partition));
            consumer.seek(partition, record.offset());
            pausedUntil.put(partition, due);
            break;
          }
          planRetry(record, batch, now);
        } else {
          planEvent(record, batch, now);
        }
        batch.firstOffsets.putIfAbsent(partition, record.offset());
        batch.commits.put(partition, new OffsetAndMetadata(record.offset() + 1));
      }
    }
    return batch;
  }

  private void planEvent(ConsumerRecord<String, byte[]> record, Batch batch, Instant now) {
    OutboundEvent event;
    try {
      event = Json.read(record.value(), OutboundEvent.class);
    } catch (IllegalArgumentException e) {
      batch.unreadable.add(unreadable(record, e, now));
      return;
    }
    for (Subscription subscription : registry.matching(event)) {
      batch.deliveries.add(Delivery.first(event, subscription.id(), now));
    }
  }

  private void planRetry(ConsumerRecord<String, byte[]> record, Batch batch, Instant now) {
    try {
      batch.deliveries.add(Json.read(record.value(), Delivery.class));
    } catch (IllegalArgumentException e) {
      batch.unreadable.add(unreadable(record, e, now));
    }
  }

  private static Outcome unreadable(
      ConsumerRecord<String, byte[]> record, IllegalArgumentException e, Instant now) {
    LOG.warn(
        "unreadable record {}-{}@{} dead-lettered: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        e.getMessage());
    return Outcome.deadLetter(
        new DeadLetter(null, Json.text(record.value()), "invalid_record", 0, e.getMessage(), now),
        null);
  }

  private long dueAt(ConsumerRecord<String, byte[]> record) {
    OptionalLong header = DueTime.read(record.headers());
    if (header.isPresent()) {
      return header.getAsLong();
    }
    return 0; // no header: due now; the JSON is checked when it is read
  }

  private void resumeDuePartitions() {
    long now = clock.millis();
    Iterator<Map.Entry<TopicPartition, Long>> paused = pausedUntil.entrySet().iterator();
    while (paused.hasNext()) {
      Map.Entry<TopicPartition, Long> entry = paused.next();
      if (entry.getValue() <= now) {
        if (consumer.assignment().contains(entry.getKey())) {
          consumer.resume(List.of(entry.getKey()));
        }
        paused.remove();
      }
    }
  }

  private long pollTimeoutMs() {
    long now = clock.millis();
    long next =
        pausedUntil.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    return Math.max(1, Math.min(MAX_POLL_MS, next - now));
  }

  private static final class Batch {
    final List<Delivery> deliveries = new ArrayList<>();
    final List<Outcome> unreadable = new ArrayList<>();
    final Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
  }

  /**
   * Batches never span a poll, so a revocation only has to forget the pause deadlines. Also tells
   * {@link #problem()} whether the consumer is a group member.
   */
  private final class ForgetPausesOnRevoke implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      pausedUntil.keySet().removeAll(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      joined = true;
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      joined = false;
      onPartitionsRevoked(partitions);
    }
  }
}
