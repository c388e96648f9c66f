package io.callpulse.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;

/**
 * The read-only query API on its own port (default 8081): channels, channel details, concurrency,
 * users and usage of an app, as JSON, read from ClickHouse over HTTP. See {@code package-info}.
 */
public final class QueryApiVerticle extends VerticleBase {

  private final QueryApiConfig config;
  private final Clock clock;
  private HttpServer server;
  private WebClient client;

  public QueryApiVerticle(QueryApiConfig config) {
    this(config, Clock.systemUTC());
  }

  QueryApiVerticle(QueryApiConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout(5_000)
                .setUserAgent("callpulse-query-api"));
    ClickHouseReader reader = new ClickHouseReader(client, config);
    Router router = Router.router(vertx);
    new QueryApiRoutes(
            new ApiKeyAuth(config.apiKeys()),
            new ChannelQueries(reader, config),
            new ConcurrencyQuery(reader, config),
            new UserQuery(reader, config),
            new UsageQuery(reader, clock))
        .mount(router);
    server =
        vertx.createHttpServer(
            new HttpServerOptions().setHost(config.host()).setPort(config.port()));
    return server.requestHandler(router).listen();
  }

  /** The port actually bound (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    Future<?> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.onComplete(done -> client.close());
  }
}
