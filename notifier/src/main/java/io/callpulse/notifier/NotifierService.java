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
import io.callpulse.notifier.ops.NotifierMetrics;
import io.callpulse.notifier.ops.OpsRoutes;
import io.callpulse.notifier.ops.Readiness;
import io.callpulse.notifier.subscription.SubscriptionRegistry;
import io.callpulse.notifier.subscription.SubscriptionReloader;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running notifier: one consumer thread ({@link NotificationLoop}) hands each batch's
 * deliveries to one Vert.x context, where they run concurrently (bounded per endpoint), and waits
 * for their outcomes before recording and committing.
 *
 * <p>The ops server ({@code /health}, {@code /ready}, {@code /metrics}) starts first, so liveness
 * answers while topics are checked, and closes last.
 */
public final class NotifierService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NotifierService.class);

  private static final long AUDIT_PROBE_MS = 5_000;

  private final Vertx vertx;
  private final PrometheusMeterRegistry meters;
  private final JvmGcMetrics gcMetrics;
  private final Readiness readiness = new Readiness("kafka", "clickhouse");
  private final HttpServer opsServer;
  private final KafkaProducer<String, byte[]> producer;
  private final NotificationLoop loop;
  private final Thread thread;
  private final SubscriptionRegistry registry;
  private final SubscriptionReloader reloader;
  private final long auditProbeTimer;
  private volatile boolean halted;
  private volatile boolean stopRequested;
  private boolean closed;

  private NotifierService(NotifierConfig config, Path configFile, Clock clock) {
    vertx = Vertx.vertx();
    meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    gcMetrics = new JvmGcMetrics();
    try {
      opsServer = startOps(config, vertx, meters, readiness);
    } catch (RuntimeException e) {
      closeQuietly(vertx);
      throw e;
    }
    BackoffPolicy backoff = new BackoffPolicy(config.delivery());
    List<String> retryTopics = config.kafka().retryTopics(backoff.tiers());
    List<String> topics = new ArrayList<>(retryTopics);
    topics.add(config.kafka().topic());
    topics.add(config.kafka().deadLetterTopic());
    try {
      KafkaClients.ensureTopics(config.kafka(), topics);
    } catch (RuntimeException e) {
      closeQuietly(vertx);
      throw e;
    }

    for (var binder :
        List.of(
            new JvmMemoryMetrics(),
            new JvmThreadMetrics(),
            new ProcessorMetrics(),
            new UptimeMetrics(),
            gcMetrics)) {
      binder.bindTo(meters);
    }
    NotifierMetrics metrics = new NotifierMetrics(meters, config.kafka());
    registry = new SubscriptionRegistry(config.subscriptions());
    HttpClient webhooks =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) Math.min(config.delivery().timeoutMs(), 10_000))
                .setMaxRedirects(0),
            new PoolOptions().setHttp1MaxSize(config.delivery().maxConcurrentPerEndpoint()));
    HttpClient clickhouse =
        vertx.createHttpClient(
            new HttpClientOptions().setConnectTimeout(5_000), new PoolOptions().setHttp1MaxSize(2));
    DeliveryProcessor processor =
        new DeliveryProcessor(
            registry,
            new WebhookSender(vertx, webhooks, config.delivery().timeoutMs(), clock),
            backoff,
            config.delivery(),
            clock);
    Context context = vertx.getOrCreateContext();
    AuditWriter audit = new AuditWriter(clickhouse, config.clickhouse(), clock);
    producer = KafkaClients.producer(config.kafka());
    OutcomeRecorder recorder = new OutcomeRecorder(producer, config.kafka(), audit, () -> !halted);
    AtomicInteger inFlight = metrics.inFlight();
    loop =
        new NotificationLoop(
            KafkaClients.consumer(config.kafka(), config.kafka().groupId()),
            config.kafka(),
            retryTopics,
            registry,
            deliveries -> attemptAll(context, processor, deliveries, inFlight),
            recorder,
            clock,
            metrics);
    reloader =
        configFile == null
            ? null
            : new SubscriptionReloader(vertx, configFile, new ConfigLoader(), registry);
    if (reloader != null) {
      reloader.start(config.subscriptionsReloadMs());
    }
    metrics.watch(registry, processor, audit, reloader, clock);
    readiness.check("kafka", loop::problem);
    readiness.check("clickhouse", audit::problem);
    audit.probe();
    auditProbeTimer = vertx.setPeriodic(AUDIT_PROBE_MS, id -> audit.probe());
    thread = new Thread(loop, "notifier-consumer");
  }

  private static HttpServer startOps(
      NotifierConfig config, Vertx vertx, PrometheusMeterRegistry meters, Readiness readiness) {
    Router router = Router.router(vertx);
    new OpsRoutes(meters, readiness).mount(router);
    try {
      return vertx
          .createHttpServer()
          .requestHandler(router)
          .listen(config.ops().port(), config.ops().host())
          .toCompletionStage()
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the ops server", e);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(
          "cannot listen on "
              + config.ops().host()
              + ":"
              + config.ops().port()
              + " (ops.port): "
              + cause.getMessage(),
          cause);
    }
  }

  /** Starts consuming. {@code configFile} (may be null) is watched for subscription changes. */
  public static NotifierService start(NotifierConfig config, Path configFile, Clock clock) {
    NotifierService service = new NotifierService(config, configFile, clock);
    service.thread.start();
    LOG.info(
        "notifier started: {} subscriptions, topic {}, ops on {}:{}",
        config.subscriptions().size(),
        config.kafka().topic(),
        config.ops().host(),
        service.opsPort());
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

  /** The port {@code /health}, {@code /ready} and {@code /metrics} are served on. */
  public int opsPort() {
    return opsServer.actualPort();
  }

  public PrometheusMeterRegistry meters() {
    return meters;
  }

  /**
   * Lets the batch in hand finish and commit, then stops. If that takes longer than {@code grace}
   * (ClickHouse down, endpoints timing out), the batch is abandoned uncommitted: the next notifier
   * repeats it.
   */
  public void stop(Duration grace) {
    stopRequested = true;
    readiness.stopping();
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
    readiness.stopping();
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
    vertx.cancelTimer(auditProbeTimer);
    producer.close(Duration.ofSeconds(5));
    // the ops server last: /health and /metrics answer until the work is closed
    try {
      opsServer.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("the ops server did not close cleanly: {}", e.toString());
    }
    gcMetrics.close();
    meters.close();
    closeQuietly(vertx);
  }

  private static void closeQuietly(Vertx vertx) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.toString());
    }
  }

  private static List<Outcome> attemptAll(
      Context context,
      DeliveryProcessor processor,
      List<Delivery> deliveries,
      AtomicInteger inFlight) {
    CompletableFuture<List<Outcome>> done = new CompletableFuture<>();
    inFlight.addAndGet(deliveries.size());
    context.runOnContext(
        v -> {
          List<Future<Outcome>> attempts =
              deliveries.stream()
                  .map(d -> processor.attemptSafely(d).andThen(o -> inFlight.decrementAndGet()))
                  .toList();
          Future.join(attempts)
              .onComplete(all -> done.complete(attempts.stream().map(Future::result).toList()));
        });
    return done.join();
  }
}
