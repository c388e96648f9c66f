package io.callpulse.gateway.web;

import io.callpulse.gateway.Outcome;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON bodies for the statuses Vert.x produces itself (413 from the body limit, 404, 405, 500). */
public final class ErrorHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlers.class);

  private ErrorHandlers() {}

  public static void mount(Router router, Exchange exchange, int maxBodyBytes) {
    // a client that hangs up mid-body: nobody is left to answer, and nothing was published
    router
        .route()
        .failureHandler(
            ctx -> {
              if (ctx.failure() instanceof HttpClosedException || ctx.response().closed()) {
                LOG.debug("client closed the connection: {}", ctx.normalizedPath());
                return;
              }
              ctx.next();
            });
    router.errorHandler(
        413,
        ctx ->
            exchange.reject(ctx, Outcome.TOO_LARGE, "the body exceeds " + maxBodyBytes + " bytes"));
    router.errorHandler(404, ctx -> plain(ctx, 404, "not_found", "no such endpoint"));
    router.errorHandler(405, ctx -> plain(ctx, 405, "method_not_allowed", "method not allowed"));
    router.errorHandler(
        500,
        ctx -> {
          LOG.error(
              "request failed: {} {}", ctx.request().method(), ctx.normalizedPath(), ctx.failure());
          plain(ctx, 500, "internal_error", "internal error");
        });
  }

  private static void plain(RoutingContext ctx, int status, String error, String problem) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("error", error).put("problem", problem).toBuffer());
  }
}
