package io.callpulse.gateway.web;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/** Headers for an API that never serves a page: nothing may be framed, sniffed or cached. */
public final class SecurityHeaders implements Handler<RoutingContext> {
  private final boolean tls;

  public SecurityHeaders(boolean tls) {
    this.tls = tls;
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    headers
        .set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        .set("Referrer-Policy", "no-referrer")
        .set("Cache-Control", "no-store");
    if (tls) {
      headers.set("Strict-Transport-Security", "max-age=31536000");
    }
    ctx.next();
  }
}
