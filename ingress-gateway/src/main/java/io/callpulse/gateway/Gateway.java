package io.callpulse.gateway;

import io.callpulse.gateway.config.GatewayConfig;
import io.callpulse.gateway.hooks.HookRoutes;
import io.callpulse.gateway.kafka.KafkaReadiness;
import io.callpulse.gateway.kafka.RecordPublisher;
import io.callpulse.gateway.ncs.NcsWebhookRoutes;
import io.callpulse.gateway.ops.GatewayMetrics;
import io.callpulse.gateway.ops.OpsRoutes;
import io.callpulse.gateway.ops.RequestStats;
import io.callpulse.gateway.stats.IngestStatsWriter;
import io.callpulse.gateway.web.ErrorHandlers;
import io.callpulse.gateway.web.Exchange;
import io.callpulse.gateway.web.RateLimiters;
import io.callpulse.gateway.web.SecurityHeaders;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: the shared services (Kafka publisher, readiness probe, rate limiters,
 * metrics) and one HTTP verticle per event loop. {@link GatewayMain} and the tests start it the
 * same way.
 */
public final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final Vertx vertx;
  private final GatewayConfig config;
  private final PrometheusMeterRegistry registry;
  private final RecordPublisher publisher;
  private final KafkaReadiness readiness;
  private final IngestStatsWriter ingestStats;
  private final Consumer<Router> routes;
  private final List<String> deployments = new ArrayList<>();
  private volatile boolean draining;
  private int port;

  private Gateway(Vertx vertx, GatewayConfig config, PrometheusMeterRegistry registry) {
    this.vertx = vertx;
    this.config = config;
    this.registry = registry;
    RequestStats stats = new RequestStats(System::currentTimeMillis);
    this.ingestStats =
        config.ingestStats().enabled()
            ? IngestStatsWriter.create(config.ingestStats(), registry)
            : null;
    GatewayMetrics metrics =
        new GatewayMetrics(registry, stats, config.limits().maxAppLabels(), ingestStats);
    this.publisher = RecordPublisher.create(config.kafka(), metrics.kafkaSend());
    this.readiness =
        new KafkaReadiness(
            config.kafka().bootstrap(), vertx, config.kafka().readyCheckIntervalMs());
    metrics.gauge(
        "callpulse.gateway.kafka.in.flight",
        "records handed to Kafka and not yet acknowledged",
        publisher::inFlight);
    Exchange exchange = new Exchange(metrics);
    RateLimiters rateLimiters = new RateLimiters();
    NcsWebhookRoutes ncs =
        new NcsWebhookRoutes(config, publisher, rateLimiters, exchange, Clock.systemUTC());
    HookRoutes hooks = new HookRoutes(config, publisher, rateLimiters, exchange, Clock.systemUTC());
    OpsRoutes ops = new OpsRoutes(registry, stats, readiness, publisher, () -> draining);
    this.routes =
        router -> {
          router.route().handler(new SecurityHeaders(config.http().tls().isPresent()));
          ops.mount(router);
          // before NCS: "/hooks/{id}" must not be read as an app called "hooks"
          hooks.mount(router);
          ncs.mount(router);
          ErrorHandlers.mount(router, exchange, config.limits().maxBodyBytes());
        };
  }

  /**
   * The Vert.x instance a gateway runs on: Linux's native epoll transport where its library loads
   * (fewer allocations and less work per request than the JDK's NIO selector), NIO elsewhere.
   */
  public static Vertx newVertx() {
    return Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
  }

  /** Starts the services and {@code instances} HTTP verticles on the configured port. */
  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, int instances) {
    Gateway gateway =
        new Gateway(vertx, config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    return gateway.deploy(Math.max(1, instances)).map(gateway);
  }

  private Future<Void> deploy(int instances) {
    readiness.start();
    if (ingestStats != null) {
      ingestStats.start();
    }
    // Instances listening on one port share it, but Vert.x 5 gives each port-0 server its own
    // random port: resolve port 0 to a free port first.
    int listenPort =
        config.http().port() != 0 ? config.http().port() : freePort(config.http().host());
    List<GatewayVerticle> verticles = new CopyOnWriteArrayList<>();
    return vertx
        .deployVerticle(
            () -> {
              GatewayVerticle verticle = new GatewayVerticle(config.http(), listenPort, routes);
              verticles.add(verticle);
              return verticle;
            },
            new DeploymentOptions().setInstances(instances))
        .compose(
            id -> {
              deployments.add(id);
              port = verticles.get(0).actualPort();
              for (GatewayVerticle verticle : verticles) {
                if (verticle.actualPort() != port) {
                  return Future.failedFuture(
                      "HTTP verticles listen on different ports: "
                          + verticle.actualPort()
                          + ", "
                          + port);
                }
              }
              LOG.info(
                  "gateway listening on {}:{} ({} event loops, {} transport), topic {}",
                  config.http().host(),
                  port,
                  instances,
                  vertx.isNativeTransportEnabled() ? "epoll" : "NIO",
                  config.kafka().topic());
              return Future.succeededFuture();
            });
  }

  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }

  public int port() {
    return port;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Graceful stop: /ready turns 503, the servers stop accepting and let in-flight requests end
   * (each ends once Kafka answered or the deadline passed), then the producer flushes and closes
   * and, at the same time, the request counts are written to ClickHouse (open minute included).
   */
  public Future<Void> stop() {
    draining = true;
    List<Future<Void>> undeploys = new ArrayList<>();
    for (String id : deployments) {
      undeploys.add(vertx.undeploy(id));
    }
    deployments.clear();
    return Future.join(undeploys)
        .transform(
            ignored ->
                Future.join(
                    vertx.executeBlocking(
                        () -> {
                          publisher.close(Duration.ofMillis(config.http().shutdownTimeoutMs()));
                          readiness.close();
                          return null;
                        },
                        false),
                    vertx.executeBlocking(
                        () -> {
                          if (ingestStats != null) {
                            ingestStats.close(
                                Duration.ofMillis(2 * config.ingestStats().insertTimeoutMs()));
                          }
                          return null;
                        },
                        false)))
        .mapEmpty();
  }
}
