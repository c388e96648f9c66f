package io.callpulse.notifier;

import io.callpulse.notifier.audit.AuditWriter;
import io.callpulse.notifier.config.ConfigLoader;
import io.callpulse.notifier.config.NotifierConfig;
import io.callpulse.notifier.delivery.BackoffPolicy;
import io.callpulse.notifier.delivery.DeliveryProcessor;
import io.callpulse.notifier.delivery.Outcome;
import io.callpulse.notifier.delivery.WebhookSender;
import io.callpulse.notifier.event.Delivery;
import io.callpulse.notifier.kafka.KafkaClients;
import io.callpulse.notifier.kafka.NotificationLoop;
import io.callpulse.notifier.kafka.OutcomeRecorder;
import io.callpulse.notifier.subscription.SubscriptionRegistry;
import io.callpulse.notifier.subscription.SubscriptionReloader;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running notifier: one consumer thread ({@link NotificationLoop}) hands each batch's
 * deliveries to one Vert.x context, where they run concurrently (bounded per endpoint), and waits
 * for their outcomes before recording and committing.
 */
public final class NotifierService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NotifierService.class);

  private final Vertx vertx;
  private final KafkaProducer<String, byte[]> producer;
  private final NotificationLoop loop;
  private final Thread thread;
  private final SubscriptionRegistry registry;
  private final SubscriptionReloader reloader;
  private volatile boolean halted;
  private volatile boolean stopRequested;
  private boolean closed;

  private NotifierService(NotifierConfig config, Path configFile, Clock clock) {
    BackoffPolicy backoff = new BackoffPolicy(config.delivery());
    List<String> retryTopics = config.kafka().retryTopics(backoff.tiers());
    List<String> topics = new ArrayList<>(retryTopics);
    topics.add(config.kafka().topic());
    topics.add(config.kafka().deadLetterTopic());
    KafkaClients.ensureTopics(config.kafka(), topics);

    vertx = Vertx.vertx();
    registry = new SubscriptionRegistry(config.subscriptions());
    HttpClient webhooks =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) Math.min(config.delivery().timeoutMs(), 10_000))
                .setMaxRedirects(0),
            new PoolOptions().setHttp1MaxSize(config.delivery().maxConcurrentPerEndpoint()));
    HttpClient clickhouse = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(2));
    DeliveryProcessor processor =
        new DeliveryProcessor(
            registry,
            new WebhookSender(vertx, webhooks, config.delivery().timeoutMs(), clock),
            backoff,
            config.delivery(),
            clock);
    Context context = vertx.getOrCreateContext();
    producer = KafkaClients.producer(config.kafka());
    OutcomeRecorder recorder =
        new OutcomeRecorder(
            producer,
            config.kafka(),
            new AuditWriter(clickhouse, config.clickhouse(), clock),
            () -> !halted);
    loop =
        new NotificationLoop(
            KafkaClients.consumer(config.kafka(), config.kafka().groupId()),
            config.kafka(),
            retryTopics,
            registry,
            deliveries -> attemptAll(context, processor, deliveries),
            recorder,
            clock);
    reloader =
        configFile == null
            ? null
            : new SubscriptionReloader(vertx, configFile, new ConfigLoader(), registry);
    if (reloader != null) {
      reloader.start(config.subscriptionsReloadMs());
    }
    thread = new Thread(loop, "notifier-consumer");
  }

  /** Starts consuming. {@code configFile} (may be null) is watched for subscription changes. */
  public static NotifierService start(NotifierConfig config, Path configFile, Clock clock) {
    NotifierService service = new NotifierService(config, configFile, clock);
    service.thread.start();
    LOG.info(
        "notifier started: {} subscriptions, topic {}",
        config.subscriptions().size(),
        config.kafka().topic());
    return service;
  }

  /**
   * Blocks until the consumer thread ends; true when it ended because {@link #stop} or {@link
   * #halt} asked it to, false when it failed (the process should exit and be restarted).
   */
  public boolean awaitTermination() throws InterruptedException {
    thread.join();
    return stopRequested;
  }

  public SubscriptionRegistry subscriptions() {
    return registry;
  }

  /**
   * Lets the batch in hand finish and commit, then stops. If that takes longer than {@code grace}
   * (ClickHouse down, endpoints timing out), the batch is abandoned uncommitted: the next notifier
   * repeats it.
   */
  public void stop(Duration grace) {
    stopRequested = true;
    loop.stop();
    try {
      thread.join(grace.toMillis());
      if (thread.isAlive()) {
        halt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      halt();
    }
    closeRest();
  }

  /**
   * Stops without finishing the batch in hand, as a crash would: nothing of it is committed. For
   * tests of restarts, and the last resort of {@link #stop}.
   */
  public void halt() {
    stopRequested = true;
    halted = true;
    loop.stop();
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeRest();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  private synchronized void closeRest() {
    if (closed) {
      return;
    }
    closed = true;
    if (reloader != null) {
      reloader.stop();
    }
    producer.close(Duration.ofSeconds(5));
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.toString());
    }
  }

  private static List<Outcome> attemptAll(
      Context context, DeliveryProcessor processor, List<Delivery> deliveries) {
    CompletableFuture<List<Outcome>> done = new CompletableFuture<>();
    context.runOnContext(
        v -> {
          List<Future<Outcome>> attempts =
              deliveries.stream().map(processor::attemptSafely).toList();
          Future.join(attempts)
              .onComplete(all -> done.complete(attempts.stream().map(Future::result).toList()));
        });
    return done.join();
  }
}
