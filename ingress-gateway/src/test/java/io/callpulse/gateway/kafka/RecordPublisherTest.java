package io.callpulse.gateway.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two batched hand-offs of {@link RecordPublisher}: every record reaches the producer once and
 * in publish order, and every outcome completes on the event loop that published it. Kafka's own
 * {@link MockProducer} stands in for the broker so acknowledgements can be given in bulk, at once,
 * from a foreign thread, as the producer's I/O thread does; the real broker is in the ITs.
 */
class RecordPublisherTest {
  private final Vertx vertx = Vertx.vertx();
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final Timer timer = new SimpleMeterRegistry().timer("send");

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void everyRecordReachesTheProducerOnceInOrderAndSettlesOnItsOwnEventLoop() throws Exception {
    RecordPublisher publisher = new RecordPublisher(producer, 10_000, 100_000, timer);
    List<Context> loops = List.of(vertx.getOrCreateContext(), vertx.getOrCreateContext());
    int perLoop = 2_000;
    CountDownLatch settled = new CountDownLatch(2 * perLoop);
    Map<String, String> settledOn = new ConcurrentHashMap<>();
    Set<String> wrongThread = ConcurrentHashMap.newKeySet();
    CountDownLatch published = new CountDownLatch(2);
    for (int l = 0; l < loops.size(); l++) {
      Context loop = loops.get(l);
      int loopIndex = l;
      loop.runOnContext(
          v -> {
            Thread owner = Thread.currentThread();
            for (int i = 0; i < perLoop; i++) {
              String value = loopIndex + ":" + i;
              publisher
                  .publish(loop, record(value))
                  .onComplete(
                      result -> {
                        if (Thread.currentThread() != owner) {
                          wrongThread.add(value);
                        }
                        settledOn.put(value, result.succeeded() ? "ok" : "failed");
                        settled.countDown();
                      });
            }
            published.countDown();
          });
    }
    assertTrue(published.await(10, TimeUnit.SECONDS));
    awaitHistory(2 * perLoop);
    while (producer.completeNext()) {
      // acknowledged from this thread in one burst, as one producer batch would be
    }
    assertTrue(settled.await(10, TimeUnit.SECONDS), "settled " + settledOn.size());
    assertTrue(wrongThread.isEmpty(), "settled off their event loop: " + wrongThread.size());
    assertEquals(2 * perLoop, settledOn.size());
    assertTrue(settledOn.values().stream().allMatch("ok"::equals));
    for (int l = 0; l < loops.size(); l++) {
      String prefix = l + ":";
      List<String> order =
          producer.history().stream()
              .map(r -> new String(r.value(), StandardCharsets.UTF_8))
              .filter(v -> v.startsWith(prefix))
              .toList();
      assertEquals(perLoop, order.size());
      for (int i = 0; i < perLoop; i++) {
        assertEquals(prefix + i, order.get(i), "publish order of one event loop");
      }
    }
    assertEquals(0, publisher.inFlight());
    publisher.close();
  }

  /**
   * Vert.x runs every HTTP request on a duplicate of its event loop's context; the publisher must
   * neither keep anything per request (it kept a queue per context: a leak of every request) nor
   * lose the request's own context when it completes.
   */
  @Test
  void requestsOnTheirOwnContextsShareTheirEventLoopsQueueAndSettleOnTheirOwnContext()
      throws Exception {
    RecordPublisher publisher = new RecordPublisher(producer, 10_000, 100_000, timer);
    ContextInternal loop = (ContextInternal) vertx.getOrCreateContext();
    int requests = 1_000;
    CountDownLatch settled = new CountDownLatch(requests);
    Set<Integer> wrongContext = ConcurrentHashMap.newKeySet();
    loop.runOnContext(
        v -> {
          for (int i = 0; i < requests; i++) {
            int request = i;
            ContextInternal own = loop.duplicate();
            publisher
                .publish(own, record("r" + i))
                .onComplete(
                    result -> {
                      if (Vertx.currentContext() != own || !result.succeeded()) {
                        wrongContext.add(request);
                      }
                      settled.countDown();
                    });
          }
        });
    awaitHistory(requests);
    while (producer.completeNext()) {
      // one burst of acknowledgements from a foreign thread
    }
    assertTrue(settled.await(10, TimeUnit.SECONDS), "settled " + (requests - settled.getCount()));
    assertTrue(wrongContext.isEmpty(), "not settled on their own context: " + wrongContext.size());
    assertEquals(1, publisher.settlementQueues(), "one settlement queue per event loop");
    publisher.close();
  }

  /**
   * The send thread drains faster than an event loop publishes, so records handed over one by one
   * woke it for almost every record; what one round of the loop publishes goes over at once.
   */
  @Test
  void whatOneRoundOfAnEventLoopPublishesReachesTheSendThreadInOneHandOver() throws Exception {
    RecordPublisher publisher = new RecordPublisher(producer, 10_000, 100_000, timer);
    ContextInternal loop = (ContextInternal) vertx.getOrCreateContext();
    int requests = 1_000;
    loop.runOnContext(
        v -> {
          for (int i = 0; i < requests; i++) {
            publisher.publish(loop.duplicate(), record("r" + i));
            if (i % 100 == 0) {
              // time for the send thread to drain the first records, if it had them already
              LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
          }
        });
    awaitHistory(requests);
    assertEquals(1, publisher.sendHandOvers(), "hand-overs to the send thread");
    publisher.close();
  }

  @Test
  void aRefusedRecordFailsWithTheReason() throws Exception {
    RecordPublisher publisher = new RecordPublisher(producer, 10_000, 100, timer);
    Context loop = vertx.getOrCreateContext();
    CountDownLatch settled = new CountDownLatch(1);
    Throwable[] failure = new Throwable[1];
    loop.runOnContext(
        v ->
            publisher
                .publish(loop, record("x"))
                .onComplete(
                    r -> {
                      failure[0] = r.cause();
                      settled.countDown();
                    }));
    awaitHistory(1);
    producer.errorNext(new org.apache.kafka.common.errors.NotEnoughReplicasException("isr"));
    assertTrue(settled.await(10, TimeUnit.SECONDS));
    assertInstanceOf(PublishRefused.class, failure[0]);
    assertTrue(failure[0].getMessage().contains("NotEnoughReplicas"), failure[0].getMessage());
    publisher.close();
  }

  /**
   * A record Kafka never acknowledges fails at the deadline, on its own context, whether its event
   * loop's queue watched it (published on the loop) or a timer did (published off it), while one
   * acknowledged in time beside them succeeds. (That a settled record never expires is {@link
   * DeadlineQueueTest}'s: a future completes once, so it cannot be seen here.)
   */
  @Test
  void anUnacknowledgedRecordFailsAtTheDeadlineAndAnAcknowledgedOneDoesNot() throws Exception {
    long deadlineMs = 300;
    RecordPublisher publisher = new RecordPublisher(producer, deadlineMs, 100, timer);
    ContextInternal loop = (ContextInternal) vertx.getOrCreateContext();
    Map<String, String> outcomes = new ConcurrentHashMap<>();
    Map<String, Long> settledAfterMs = new ConcurrentHashMap<>();
    CountDownLatch settled = new CountDownLatch(3);
    long start = System.nanoTime();
    java.util.function.BiConsumer<String, ContextInternal> publish =
        (name, context) ->
            publisher
                .publish(context, record(name))
                .onComplete(
                    result -> {
                      boolean onOwnContext = Vertx.currentContext() == context;
                      outcomes.put(
                          name,
                          (result.succeeded() ? "ok" : result.cause().getMessage())
                              + (onOwnContext ? "" : " (wrong context)"));
                      settledAfterMs.put(
                          name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                      settled.countDown();
                    });
    loop.runOnContext(
        v -> {
          publish.accept("acknowledged", loop.duplicate());
          publish.accept("watched by the queue", loop.duplicate());
        });
    awaitHistory(2);
    publish.accept("watched by a timer", loop.duplicate());
    awaitHistory(3);
    producer.completeNext();
    assertTrue(settled.await(10, TimeUnit.SECONDS), "settled: " + outcomes);
    assertEquals("ok", outcomes.get("acknowledged"));
    String missed = "no acknowledgement from Kafka within " + deadlineMs + " ms";
    assertEquals(missed, outcomes.get("watched by the queue"));
    assertEquals(missed, outcomes.get("watched by a timer"));
    assertTrue(settledAfterMs.get("watched by the queue") >= deadlineMs, settledAfterMs.toString());
    assertTrue(settledAfterMs.get("watched by a timer") >= deadlineMs, settledAfterMs.toString());
    publisher.close();
  }

  private void awaitHistory(int records) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (producer.history().size() < records && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(records, producer.history().size(), "records handed to the producer");
  }

  private static ProducerRecord<byte[], byte[]> record(String value) {
    return new ProducerRecord<>("t", null, value.getBytes(StandardCharsets.UTF_8));
  }
}
