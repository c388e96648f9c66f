package io.callpulse.gateway.kafka;

import io.callpulse.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
 * thread behind a bounded count, and a full queue is an immediate 503 rather than growing memory.
 *
 * <p>Both hand-offs are batched because at tens of thousands of requests a second a cross-thread
 * wake-up per record was a large share of the gateway's CPU: the send thread is woken once and then
 * sends everything queued, and the acknowledgements of one producer batch reach each event loop as
 * one task.
 *
 * <p>The first hand-off is batched on the event loop's side too: the records an event loop
 * publishes while it handles one round of I/O reach the send thread together, when that round ends.
 * Handed over one by one, the send thread (quick to drain) was woken for almost every record, and
 * that wake-up was 9 % of the event loop's time at 20,000 requests a second.
 *
 * <p>Both are per event loop, not per {@link Context}: Vert.x gives every HTTP request a context of
 * its own (a duplicate of its event loop's), so a queue per context was one more entry per request
 * that nothing removed, a leak of ~250 bytes a request that also slowed every young GC (each
 * survivor copied again).
 */
public final class RecordPublisher implements AutoCloseable {
  private final Producer<byte[], byte[]> producer;
  private final long deadlineMs;
  private final int maxQueuedSends;
  private final Timer sendTimer;
  private final ExecutorService sender;
  private final BatchedHandOff<Send> sends;
  private final AtomicInteger queuedCount = new AtomicInteger();
  private final Map<ContextInternal, Lane> lanes = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  public RecordPublisher(
      Producer<byte[], byte[]> producer, long deadlineMs, int maxQueuedSends, Timer sendTimer) {
    this.producer = producer;
    this.deadlineMs = deadlineMs;
    this.maxQueuedSends = maxQueuedSends;
    this.sendTimer = sendTimer;
    this.sender =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "callpulse-kafka-send");
              thread.setDaemon(true);
              return thread;
            });
    this.sends =
        new BatchedHandOff<>(
            sender,
            send -> {
              queuedCount.decrementAndGet();
              send.hand(producer);
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
    ContextInternal caller = (ContextInternal) context;
    Lane lane = laneOf(caller);
    Send send = new Send(record, promise, caller, lane, System.nanoTime());
    send.startDeadline();
    inFlight.incrementAndGet();
    if (sender.isShutdown()) {
      send.settle(null, shuttingDown());
    } else if (queuedCount.incrementAndGet() > maxQueuedSends) {
      queuedCount.decrementAndGet();
      send.settle(null, new PublishRefused("send queue is full", null));
    } else {
      lane.send(send);
    }
    return promise.future();
  }

  private PublishRefused missedDeadline() {
    return new PublishRefused("no acknowledgement from Kafka within " + deadlineMs + " ms", null);
  }

  private static PublishRefused shuttingDown() {
    return new PublishRefused("the gateway is shutting down", null);
  }

  private Lane laneOf(ContextInternal context) {
    ContextInternal root = context.unwrap();
    Lane existing = lanes.get(root);
    return existing != null ? existing : lanes.computeIfAbsent(root, Lane::new);
  }

  /**
   * How many event loops (and other root contexts) have published: bounded, whatever the traffic.
   */
  int settlementQueues() {
    return lanes.size();
  }

  /** How many times the send thread was handed records so far (one wake-up at most each). */
  long sendHandOvers() {
    return sends.bursts();
  }

  /**
   * One root context's traffic both ways: its records on their way to the send thread, its
   * acknowledgements on their way back (one task per burst of them).
   */
  private final class Lane {
    final BatchedHandOff<Send> settlements;

    /** Null for a context that is not an event loop's: its records are handed over at once. */
    private final EventLoop eventLoop;

    /** The deadlines of what this event loop published on its own thread; null without one. */
    private final DeadlineQueue<Send> deadlines;

    /** Published during the event loop's current round of I/O; touched only on its thread. */
    private final ArrayList<Send> unsent = new ArrayList<>();

    Lane(ContextInternal root) {
      this.settlements =
          new BatchedHandOff<>(task -> root.runOnContext(v -> task.run()), Send::complete);
      this.eventLoop = root.isEventLoopContext() ? root.nettyEventLoop() : null;
      this.deadlines =
          eventLoop == null
              ? null
              : new DeadlineQueue<>(
                  eventLoop,
                  deadlineMs,
                  send -> send.started,
                  send -> send.promise.future().isComplete(),
                  send -> send.caller.emit(send, Send::missDeadline));
    }

    /** Whether this thread may use {@link #deadlines}. */
    boolean ownsDeadlines() {
      return deadlines != null && eventLoop.inEventLoop();
    }

    void send(Send send) {
      if (eventLoop == null || !eventLoop.inEventLoop()) {
        handOver(() -> sends.add(send));
        return;
      }
      unsent.add(send);
      if (unsent.size() == 1) {
        try {
          // a task queued from the loop itself runs once its current round of I/O is handled
          eventLoop.execute(this::handOverUnsent);
        } catch (RejectedExecutionException e) {
          handOverUnsent();
        }
      }
    }

    private void handOverUnsent() {
      if (sender.isShutdown()) {
        for (Send send : unsent) {
          queuedCount.decrementAndGet();
          send.settle(null, shuttingDown());
        }
      } else {
        handOver(() -> sends.addAll(unsent));
      }
      unsent.clear();
    }

    private void handOver(Runnable enqueue) {
      try {
        enqueue.run();
      } catch (RejectedExecutionException e) {
        // shut down meanwhile: close() refuses what is left queued after the last send
      }
    }
  }

  /** One record on its way: from the event loop to the send thread, then back when settled. */
  private final class Send {
    final ProducerRecord<byte[], byte[]> record;
    final Promise<RecordMetadata> promise;
    final ContextInternal caller;
    final Lane lane;
    final long started;

    /** A Vert.x timer for the deadline when the lane's queue cannot watch it, else -1. */
    long timer = -1;

    RecordMetadata metadata;
    Throwable error;

    Send(
        ProducerRecord<byte[], byte[]> record,
        Promise<RecordMetadata> promise,
        ContextInternal caller,
        Lane lane,
        long started) {
      this.record = record;
      this.promise = promise;
      this.caller = caller;
      this.lane = lane;
      this.started = started;
    }

    void startDeadline() {
      if (lane.ownsDeadlines()) {
        lane.deadlines.add(this);
      } else {
        // on the caller's context: the request's handlers must run on it, whoever published
        timer = caller.setTimer(deadlineMs, id -> missDeadline());
      }
    }

    void missDeadline() {
      promise.tryFail(missedDeadline());
    }

    void hand(Producer<byte[], byte[]> producer) {
      try {
        producer.send(
            record,
            (metadata, error) -> {
              sendTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
              settle(metadata, error);
            });
      } catch (RuntimeException e) {
        settle(null, e);
      }
    }

    /** From any thread: queues the outcome for the event loop that published the record. */
    void settle(RecordMetadata metadata, Throwable error) {
      this.metadata = metadata;
      this.error = error;
      inFlight.decrementAndGet();
      lane.settlements.add(this);
    }

    /** On the caller's event loop, which runs the outcome on the caller's own context. */
    void complete() {
      caller.emit(this, Send::completeHere);
    }

    private void completeHere() {
      if (error == null) {
        promise.tryComplete(metadata);
      } else {
        promise.tryFail(
            error instanceof PublishRefused
                ? error
                : new PublishRefused("Kafka refused the record: " + error, error));
      }
      if (timer >= 0) {
        caller.owner().cancelTimer(timer);
      } else if (lane.ownsDeadlines()) {
        lane.deadlines.dropSettled();
      }
    }
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
    // a record queued while the last drain was finishing never reached the producer: refuse it
    Send stranded;
    while ((stranded = sends.poll()) != null) {
      queuedCount.decrementAndGet();
      stranded.settle(null, shuttingDown());
    }
    long left = Math.max(0, deadline - System.nanoTime());
    producer.close(Duration.ofNanos(left));
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
