package io.callpulse.gateway.kafka;

import io.callpulse.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Hands records to a {@link KafkaProducer} without ever blocking an event loop and completes, on
 * the caller's Vert.x context, when the broker acknowledged (acks=all) or when the deadline passed.
 *
 * <p>{@code KafkaProducer.send} itself blocks while it waits for metadata or buffer space (up to
 * {@code max.block.ms}), which is exactly when the broker is down; so sends run on one dedicated
 * thread with a bounded queue, and a full queue is an immediate 503 rather than growing memory.
 */
public final class RecordPublisher implements AutoCloseable {
  private final Producer<byte[], byte[]> producer;
  private final long deadlineMs;
  private final Timer sendTimer;
  private final ThreadPoolExecutor sender;
  private final AtomicInteger inFlight = new AtomicInteger();

  public RecordPublisher(
      Producer<byte[], byte[]> producer, long deadlineMs, int maxQueuedSends, Timer sendTimer) {
    this.producer = producer;
    this.deadlineMs = deadlineMs;
    this.sendTimer = sendTimer;
    this.sender =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(maxQueuedSends),
            runnable -> {
              Thread thread = new Thread(runnable, "callpulse-kafka-send");
              thread.setDaemon(true);
              return thread;
            });
  }

  public static RecordPublisher create(GatewayConfig.Kafka kafka, Timer sendTimer) {
    return new RecordPublisher(
        new KafkaProducer<>(producerProperties(kafka)),
        kafka.deadlineMs(),
        kafka.maxQueuedSends(),
        sendTimer);
  }

  /** Durable and ordered per partition: acks=all with idempotence; small linger; lz4. */
  public static Properties producerProperties(GatewayConfig.Kafka kafka) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(GatewayConfig.Defaults.LINGER_MS));
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "callpulse-gateway");
    // send() may block this long on metadata/buffer: never longer than a request may wait
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(kafka.deadlineMs()));
    // a record that missed its request's deadline is still retried for a while, then dropped:
    // the sender got 503 and will resend it anyway
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    for (Map.Entry<String, String> e : kafka.producer().entrySet()) {
      p.put(e.getKey(), e.getValue());
    }
    return p;
  }

  /** Records handed to Kafka and not yet acknowledged or failed. */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Publishes one record; the future completes on {@code context} with the broker's metadata, or
   * fails with {@link PublishRefused} when the deadline passes first or Kafka refuses the record.
   */
  public Future<RecordMetadata> publish(Context context, ProducerRecord<byte[], byte[]> record) {
    Promise<RecordMetadata> promise = Promise.promise();
    long started = System.nanoTime();
    long timer =
        context
            .owner()
            .setTimer(
                deadlineMs,
                id ->
                    promise.tryFail(
                        new PublishRefused(
                            "no acknowledgement from Kafka within " + deadlineMs + " ms", null)));
    inFlight.incrementAndGet();
    try {
      sender.execute(
          () -> {
            try {
              producer.send(
                  record,
                  (metadata, error) -> {
                    sendTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    settle(context, promise, timer, metadata, error);
                  });
            } catch (RuntimeException e) {
              settle(context, promise, timer, null, e);
            }
          });
    } catch (RejectedExecutionException e) {
      settle(context, promise, timer, null, new PublishRefused("send queue is full", e));
    }
    return promise.future();
  }

  private void settle(
      Context context,
      Promise<RecordMetadata> promise,
      long timer,
      RecordMetadata metadata,
      Throwable error) {
    inFlight.decrementAndGet();
    context.runOnContext(
        v -> {
          context.owner().cancelTimer(timer);
          if (error == null) {
            promise.tryComplete(metadata);
          } else {
            promise.tryFail(
                error instanceof PublishRefused
                    ? error
                    : new PublishRefused("Kafka refused the record: " + error, error));
          }
        });
  }

  /** Lets queued sends reach the producer, then flushes and closes it within {@code timeout}. */
  public void close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    sender.shutdown();
    try {
      sender.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long left = Math.max(0, deadline - System.nanoTime());
    producer.close(Duration.ofNanos(left));
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
