package io.callpulse.gateway.bench;

import io.callpulse.gateway.Gateway;
import io.callpulse.gateway.config.GatewayConfig;
import io.callpulse.gateway.config.GatewayConfigLoader;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Load test of the NCS endpoint: signed realistic bodies at rising rates over many connections,
 * against the real gateway (in this JVM, publishing to a real broker) and against a bare Vert.x
 * endpoint that answers 200 without work, in the same run. Latency is measured from each request's
 * scheduled send time, so a stalled server cannot hide its queueing (no coordinated omission).
 */
@Command(
    name = "gateway-bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks POST /{appId}/webhooks against a bare Vert.x endpoint.")
public final class GatewayBench implements Callable<Integer> {
  static final String APP = "benchapp0000000000000000000000000";
  static final String SECRET = "bench-secret";

  /** Issue 3's latency target, the yardstick of {@code --timeline}. */
  static final double TARGET_P99_MS = 20;

  @Option(names = "--kafka-bootstrap", required = true, description = "a real Kafka broker")
  String bootstrap;

  @Option(names = "--topic", description = "default: callpulse.bench.<timestamp>")
  String topic;

  @Option(
      names = "--rates",
      split = ",",
      description = "requests/s per step (default: ${DEFAULT-VALUE})")
  List<Integer> rates = List.of(1_000, 2_000, 4_000, 8_000);

  @Option(names = "--step-seconds", description = "length of each step (default: ${DEFAULT-VALUE})")
  int stepSeconds = 5;

  @Option(
      names = "--warmup-seconds",
      description =
          "shortest warm-up per target, at the highest rate; it goes on while the JIT compiler is"
              + " busy, see --quiet-jit-ms (default: ${DEFAULT-VALUE})")
  int warmupSeconds = 5;

  @Option(
      names = "--quiet-jit-ms",
      description =
          "the warm-up ends after a slice of "
              + WarmUp.SLICE_SECONDS
              + " s in which the JIT compiler worked under this many ms; 0: no such slices"
              + " (default: ${DEFAULT-VALUE})")
  long quietJitMs = 100;

  @Option(
      names = "--max-warmup-seconds",
      description = "longest warm-up per target (default: ${DEFAULT-VALUE})")
  int maxWarmupSeconds = 300;

  @Option(names = "--connections", description = "HTTP connections (default: ${DEFAULT-VALUE})")
  int connections = 128;

  @Option(
      names = "--event-loops",
      description = "gateway HTTP verticles (default: ${DEFAULT-VALUE})")
  int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

  @Option(
      names = "--producer",
      description =
          "a Kafka producer setting of the gateway, as in its kafka.producer config, e.g."
              + " linger.ms=1 (repeatable)")
  Map<String, String> producer = new LinkedHashMap<>();

  @Option(
      names = "--timeline",
      description = "also print each step's p99 second by second, to tell stalls from load")
  boolean timeline;

  @Option(names = "--bodies", description = "distinct signed bodies (default: ${DEFAULT-VALUE})")
  int bodies = 2_000;

  public static void main(String[] args) {
    System.exit(new CommandLine(new GatewayBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (topic == null) {
      topic = "callpulse.bench." + System.currentTimeMillis();
    }
    createTopic();
    List<NcsTraffic.SignedRequest> pool = NcsTraffic.pool(bodies, SECRET, 42);
    Vertx serverVertx = Gateway.newVertx();
    try {
      HttpServer bare =
          await(
              serverVertx
                  .createHttpServer()
                  .requestHandler(
                      request ->
                          request
                              .body()
                              .onComplete(
                                  body ->
                                      request
                                          .response()
                                          .putHeader("Content-Type", "application/json")
                                          .end("{\"status\":\"ok\"}")))
                  .listen(0, "127.0.0.1"));
      Gateway gateway = await(Gateway.start(serverVertx, gatewayConfig(), eventLoops));

      System.out.printf(
          Locale.ROOT,
          "gateway bench: %d connections, steps %s req/s x %d s, topic %s, %d event loop(s)%n",
          connections,
          rates,
          stepSeconds,
          topic,
          eventLoops);
      List<StepResult> bareResults = runAll("bare", bare.actualPort(), pool);
      List<StepResult> gatewayResults = runAll("gateway", gateway.port(), pool);
      report(bareResults, gatewayResults);
      Timer send = gateway.registry().find("callpulse.gateway.kafka.send").timer();
      if (send != null) {
        HistogramSnapshot snapshot = send.takeSnapshot();
        System.out.printf(
            Locale.ROOT,
            "gateway Kafka send (hand-off to ack): %d records, mean %.2f ms, p50 <= %.1f ms,"
                + " p99 <= %.1f ms (histogram buckets), max %.2f ms%n",
            send.count(),
            send.mean(TimeUnit.MILLISECONDS),
            bucketAt(snapshot, 0.50),
            bucketAt(snapshot, 0.99),
            send.max(TimeUnit.MILLISECONDS));
      }
      await(gateway.stop());
      return 0;
    } finally {
      await(serverVertx.close());
    }
  }

  private List<StepResult> runAll(String target, int port, List<NcsTraffic.SignedRequest> pool)
      throws InterruptedException {
    try (LoadTarget load = LoadTarget.open(port, "/" + APP + "/webhooks", pool, connections)) {
      // at the highest rate: code that only runs under load (bigger bursts per round of I/O)
      // was still being compiled in the 8,000/s step after a warm-up at 2,000/s
      int warmUpRate = rates.stream().max(Integer::compare).orElseThrow();
      String warmUp =
          WarmUp.ofThisJvm(warmupSeconds, maxWarmupSeconds, quietJitMs)
              .run(seconds -> LoadStep.run(load, warmUpRate, seconds, false));
      System.out.println(target + "  " + warmUp);
      List<StepResult> results = new ArrayList<>();
      for (int rate : rates) {
        long jitBefore = WarmUp.jitMs();
        StepResult result = LoadStep.run(load, rate, stepSeconds, timeline);
        System.out.printf(
            Locale.ROOT, "%s  %s  JIT %d ms%n", target, result.line(), WarmUp.jitMs() - jitBefore);
        if (timeline) {
          System.out.println("  " + result.timeline(TARGET_P99_MS));
        }
        results.add(result);
      }
      return results;
    }
  }

  private static void report(List<StepResult> bare, List<StepResult> gateway) {
    StepResult bestBare = sustained(bare);
    StepResult bestGateway = sustained(gateway);
    System.out.println();
    System.out.println("sustained (>= 95% of target rate, < 1% errors):");
    System.out.println("  bare     " + (bestBare == null ? "none" : bestBare.line()));
    System.out.println("  gateway  " + (bestGateway == null ? "none" : bestGateway.line()));
    if (bestBare != null && bestGateway != null) {
      System.out.printf(
          Locale.ROOT,
          "  ratio gateway/bare: throughput %.2f, p99 latency %.1fx%n",
          bestGateway.achievedPerSecond() / bestBare.achievedPerSecond(),
          bestGateway.p99Ms() / Math.max(0.001, bestBare.p99Ms()));
    }
    System.out.println(
        new JsonObject()
            .put("bare", bestBare == null ? null : bestBare.toJson())
            .put("gateway", bestGateway == null ? null : bestGateway.toJson())
            .encode());
  }

  /** The upper bound, in ms, of the histogram bucket that holds the {@code quantile}. */
  private static double bucketAt(HistogramSnapshot snapshot, double quantile) {
    double wanted = quantile * snapshot.count();
    for (CountAtBucket bucket : snapshot.histogramCounts()) {
      if (bucket.count() >= wanted) {
        return bucket.bucket(TimeUnit.MILLISECONDS);
      }
    }
    return Double.NaN;
  }

  static StepResult sustained(List<StepResult> results) {
    StepResult best = null;
    for (StepResult r : results) {
      if (r.achievedPerSecond() >= 0.95 * r.targetPerSecond() && r.errorRatio() < 0.01) {
        best = r;
      }
    }
    return best;
  }

  private GatewayConfig gatewayConfig() {
    String yaml =
        "http: {host: 127.0.0.1, port: 0}\n"
            + "kafka: {bootstrap: '"
            + bootstrap
            + "', topic: '"
            + topic
            + "', producer: "
            + new JsonObject(new LinkedHashMap<>(producer)).encode()
            + "}\n"
            + "apps:\n  closed: true\n  "
            + APP
            + ":\n    secrets: {'1': ['"
            + SECRET
            + "']}\n    rateLimit: {perSecond: 0}\n";
    return GatewayConfigLoader.parse(yaml, Map.of());
  }

  private void createTopic() throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
        admin
            .createTopics(List.of(new NewTopic(topic, 3, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
