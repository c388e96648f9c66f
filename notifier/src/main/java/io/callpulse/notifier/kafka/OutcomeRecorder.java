package io.callpulse.notifier.kafka;

import io.callpulse.notifier.audit.AuditRow;
import io.callpulse.notifier.audit.AuditWriter;
import io.callpulse.notifier.config.KafkaSettings;
import io.callpulse.notifier.delivery.Outcome;
import io.callpulse.notifier.event.DeadLetter;
import io.callpulse.notifier.event.Delivery;
import io.callpulse.notifier.event.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a batch of outcomes durable: audit rows stored in ClickHouse, then retries and dead letters
 * acknowledged by Kafka. Only then may the consumer commit. ClickHouse being down stops the
 * notifier (it keeps retrying the insert) rather than letting it deliver unaudited.
 */
public final class OutcomeRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(OutcomeRecorder.class);
  private static final long MAX_AUDIT_BACKOFF_MS = 5_000;

  private final Producer<String, byte[]> producer;
  private final KafkaSettings kafka;
  private final AuditWriter audit;
  private final BooleanSupplier running;

  public OutcomeRecorder(
      Producer<String, byte[]> producer,
      KafkaSettings kafka,
      AuditWriter audit,
      BooleanSupplier running) {
    this.producer = producer;
    this.kafka = kafka;
    this.audit = audit;
    this.running = running;
  }

  /**
   * Returns when every outcome is durable.
   *
   * @throws StoppedException when the notifier stopped first (nothing may be committed)
   */
  public void record(List<Outcome> outcomes) throws InterruptedException {
    writeAudit(outcomes.stream().flatMap(o -> o.audit().stream()).toList());
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    for (Outcome outcome : outcomes) {
      outcome
          .retry()
          .ifPresent(
              next -> sends.add(producer.send(retryRecord(kafka, next, outcome.retryTier()))));
      outcome.deadLetter().ifPresent(dead -> sends.add(producer.send(deadLetterRecord(dead))));
    }
    for (Future<RecordMetadata> send : sends) {
      try {
        send.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "Kafka refused a retry or dead letter record", e.getCause());
      }
    }
  }

  /** The record of retry tier {@code tier} that holds {@code next} until its due time. */
  public static ProducerRecord<String, byte[]> retryRecord(
      KafkaSettings kafka, Delivery next, int tier) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(kafka.retryTopic(tier), next.subscriptionId(), Json.write(next));
    record.headers().add(DueTime.HEADER, DueTime.encode(next.dueAt()));
    return record;
  }

  private ProducerRecord<String, byte[]> deadLetterRecord(DeadLetter dead) {
    String key = Optional.ofNullable(dead.delivery()).map(Delivery::subscriptionId).orElse(null);
    return new ProducerRecord<>(kafka.deadLetterTopic(), key, Json.write(dead));
  }

  private void writeAudit(List<AuditRow> rows) throws InterruptedException {
    long backoffMs = 100;
    while (true) {
      if (!running.getAsBoolean()) {
        throw new StoppedException();
      }
      try {
        audit.write(rows).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        LOG.warn(
            "audit insert of {} rows failed, retrying in {} ms: {}",
            rows.size(),
            backoffMs,
            cause.getMessage());
        Thread.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, MAX_AUDIT_BACKOFF_MS);
      }
    }
  }

  /** The notifier is stopping: the batch stays uncommitted and is done again by the next owner. */
  public static final class StoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoppedException() {
      super("stopped before the outcomes were recorded");
    }
  }
}
