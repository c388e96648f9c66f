package io.callpulse.gateway.web;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** Headers for an API that never serves a page: nothing may be framed, sniffed or cached. */
public final class SecurityHeaders implements Handler<RoutingContext> {
  /**
   * Every response carries them, so names and values are encoded once ({@code createOptimized}):
   * set as plain strings they were validated and hashed again on each request.
   */
  private final Map<CharSequence, CharSequence> headers = new LinkedHashMap<>();

  public SecurityHeaders(boolean tls) {
    put("X-Content-Type-Options", "nosniff");
    put("X-Frame-Options", "DENY");
    put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    put("Referrer-Policy", "no-referrer");
    put("Cache-Control", "no-store");
    if (tls) {
      put("Strict-Transport-Security", "max-age=31536000");
    }
  }

  private void put(String name, String value) {
    headers.put(HttpHeaders.createOptimized(name), HttpHeaders.createOptimized(value));
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap response = ctx.response().headers();
    headers.forEach(response::set);
    ctx.next();
  }
}
