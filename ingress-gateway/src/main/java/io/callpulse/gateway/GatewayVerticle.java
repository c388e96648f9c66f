package io.callpulse.gateway;

import io.callpulse.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One event loop's HTTP server. Several instances share the port; the routes come from the services
 * shared by all of them.
 */
final class GatewayVerticle extends VerticleBase {
  private final GatewayConfig.Http http;
  private final int port;
  private final Consumer<Router> routes;
  private HttpServer server;

  GatewayVerticle(GatewayConfig.Http http, int port, Consumer<Router> routes) {
    this.http = http;
    this.port = port;
    this.routes = routes;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    routes.accept(router);
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(http.host())
            .setPort(port)
            .setIdleTimeout(http.idleTimeoutSeconds())
            .setIdleTimeoutUnit(TimeUnit.SECONDS)
            .setTcpKeepAlive(true);
    http.tls()
        .ifPresent(
            tls ->
                options
                    .setSsl(true)
                    .setKeyCertOptions(
                        new PemKeyCertOptions()
                            .setCertPath(tls.certPath())
                            .setKeyPath(tls.keyPath())));
    server = vertx.createHttpServer(options).requestHandler(router);
    return server.listen();
  }

  int actualPort() {
    return server.actualPort();
  }

  /** Stops accepting, lets in-flight requests finish (they end once Kafka answers), then closes. */
  @Override
  public Future<?> stop() {
    return server.shutdown(http.shutdownTimeoutMs(), TimeUnit.MILLISECONDS);
  }
}
