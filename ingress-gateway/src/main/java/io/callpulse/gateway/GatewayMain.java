package io.callpulse.gateway;

import io.callpulse.api.QueryApiConfig;
import io.callpulse.api.QueryApiConfigLoader;
import io.callpulse.api.QueryApiVerticle;
import io.callpulse.gateway.config.ConfigException;
import io.callpulse.gateway.config.GatewayConfig;
import io.callpulse.gateway.config.GatewayConfigLoader;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar callpulse-gateway.jar --config gateway.yaml}; SIGTERM drains and exits. */
@Command(
    name = "callpulse-gateway",
    mixinStandardHelpOptions = true,
    description = "Receives Agora NCS webhooks and generic webhooks and publishes them to Kafka.")
public final class GatewayMain implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

  @Option(
      names = {"-c", "--config"},
      description =
          "YAML configuration file (default: $CALLPULSE_GATEWAY_CONFIG, else built-in defaults)")
  Path config;

  @Option(
      names = "--event-loops",
      description = "HTTP verticle instances (default: number of cores)")
  int eventLoops = Runtime.getRuntime().availableProcessors();

  public static void main(String[] args) {
    int code = new CommandLine(new GatewayMain()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * EXTRA VERTICLES. Other components that should run in the gateway's process (for example a query
   * API verticle from package {@code io.callpulse.api}) are deployed from here, after the gateway
   * is listening. Add them to this list; they are undeployed by Vert.x on shutdown.
   */
  static List<Deployable> extraVerticles(GatewayConfig config, Path configFile) {
    // The read-only query API (/api) runs in this process on its own port when configured.
    String apiConfig = System.getenv("CALLPULSE_API_CONFIG");
    if (apiConfig == null || apiConfig.isBlank()) {
      return List.of();
    }
    QueryApiConfig api = QueryApiConfigLoader.load(Path.of(apiConfig), System.getenv());
    LOG.info("query API: {}", api);
    return List.of(new QueryApiVerticle(api));
  }

  @Override
  public Integer call() throws Exception {
    Path file = config;
    if (file == null && System.getenv("CALLPULSE_GATEWAY_CONFIG") != null) {
      file = Path.of(System.getenv("CALLPULSE_GATEWAY_CONFIG"));
    }
    GatewayConfig gatewayConfig;
    try {
      gatewayConfig = GatewayConfigLoader.load(file, System.getenv());
    } catch (ConfigException e) {
      LOG.error("invalid configuration: {}", e.getMessage());
      System.err.println("invalid configuration: " + e.getMessage());
      return 2;
    }
    LOG.info(
        "configuration: http={}, kafka={}, limits={}, apps closed={} defaults={} registry={},"
            + " sources={}, ingestStats={}",
        gatewayConfig.http(),
        gatewayConfig.kafka(),
        gatewayConfig.limits(),
        gatewayConfig.apps().closed(),
        gatewayConfig.apps().defaults(),
        gatewayConfig.apps().registry().values(),
        gatewayConfig.sources().keySet(),
        gatewayConfig.ingestStats());

    Vertx vertx = Gateway.newVertx();
    Gateway gateway;
    try {
      gateway =
          Gateway.start(vertx, gatewayConfig, eventLoops)
              .toCompletionStage()
              .toCompletableFuture()
              .get(60, TimeUnit.SECONDS);
      for (Deployable extra : extraVerticles(gatewayConfig, file)) {
        vertx
            .deployVerticle(extra)
            .toCompletionStage()
            .toCompletableFuture()
            .get(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      LOG.error("gateway failed to start", e);
      vertx.close();
      return 1;
    }
    Gateway started = gateway;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("shutting down: draining in-flight requests");
                  try {
                    started
                        .stop()
                        .compose(v -> vertx.close())
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(
                            gatewayConfig.http().shutdownTimeoutMs() * 2 + 5_000,
                            TimeUnit.MILLISECONDS);
                    LOG.info("gateway stopped");
                  } catch (Exception e) {
                    LOG.error("unclean shutdown", e);
                  } finally {
                    LogManager.shutdown();
                  }
                },
                "callpulse-gateway-shutdown"));
    return 0;
  }
}
