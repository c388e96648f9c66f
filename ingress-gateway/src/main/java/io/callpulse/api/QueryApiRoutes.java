package io.callpulse.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The read-only routes under {@code /api}; every one checks the app's API key first. */
final class QueryApiRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(QueryApiRoutes.class);
  private static final String JSON = "application/json; charset=utf-8";

  private final ApiKeyAuth auth;
  private final ChannelQueries channels;
  private final ConcurrencyQuery concurrency;
  private final UserQuery users;
  private final UsageQuery usage;

  QueryApiRoutes(
      ApiKeyAuth auth,
      ChannelQueries channels,
      ConcurrencyQuery concurrency,
      UserQuery users,
      UsageQuery usage) {
    this.auth = auth;
    this.channels = channels;
    this.concurrency = concurrency;
    this.users = users;
    this.usage = usage;
  }

  void mount(Router router) {
    router.get("/api/channels/:appId").handler(ctx -> respond(ctx, channels::list));
    router.get("/api/channel/:appId/:channelName").handler(ctx -> respond(ctx, channels::detail));
    router
        .get("/api/channel/:appId/:channelName/concurrency")
        .handler(ctx -> respond(ctx, concurrency::concurrency));
    router.get("/api/user/:appId/:uid").handler(ctx -> respond(ctx, users::user));
    router.get("/api/usage/:appId").handler(ctx -> respond(ctx, usage::usage));
    router.route("/api/*").handler(ctx -> fail(ctx, ApiException.notFound("no such endpoint")));
  }

  private void respond(RoutingContext ctx, Function<RequestParams, Future<JsonObject>> query) {
    Future<JsonObject> answer;
    try {
      RequestParams params = new RequestParams(ctx);
      auth.check(params.appId(), ctx.request().getHeader("Authorization"));
      answer = query.apply(params);
    } catch (ApiException e) {
      answer = Future.failedFuture(e);
    }
    answer.onComplete(
        result -> {
          if (result.succeeded()) {
            ctx.response().putHeader("Content-Type", JSON).end(result.result().encode());
          } else if (result.cause() instanceof ApiException e) {
            fail(ctx, e);
          } else {
            LOG.error("query API request {} failed", ctx.request().path(), result.cause());
            ctx.response()
                .setStatusCode(500)
                .putHeader("Content-Type", JSON)
                .end(
                    new JsonObject()
                        .put("error", "internal")
                        .put("message", "internal error")
                        .encode());
          }
        });
  }

  private static void fail(RoutingContext ctx, ApiException e) {
    JsonObject body = new JsonObject().put("error", e.error()).put("message", e.getMessage());
    if (e.parameter() != null) {
      body.put("parameter", e.parameter());
    }
    if (e.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    ctx.response().setStatusCode(e.status()).putHeader("Content-Type", JSON).end(body.encode());
  }
}
