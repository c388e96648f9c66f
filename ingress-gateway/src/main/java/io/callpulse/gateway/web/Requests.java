package io.callpulse.gateway.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.Locale;

/** Small facts about an incoming request, read the same way by every endpoint. */
public final class Requests {
  private Requests() {}

  /** application/json, or any {@code application/*+json}, with or without parameters. */
  public static boolean isJson(HttpServerRequest request) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null) {
      return false;
    }
    int semicolon = type.indexOf(';');
    String media = (semicolon >= 0 ? type.substring(0, semicolon) : type).trim();
    media = media.toLowerCase(Locale.ROOT);
    return media.equals("application/json")
        || (media.startsWith("application/") && media.endsWith("+json"));
  }

  /** The peer, or the first X-Forwarded-For entry when a trusted proxy sets it. */
  public static String sourceIp(HttpServerRequest request, boolean trustForwardedFor) {
    if (trustForwardedFor) {
      String forwarded = request.getHeader("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        int comma = forwarded.indexOf(',');
        return (comma >= 0 ? forwarded.substring(0, comma) : forwarded).trim();
      }
    }
    SocketAddress remote = request.remoteAddress();
    if (remote == null) {
      return "";
    }
    return remote.hostAddress() != null ? remote.hostAddress() : remote.host();
  }
}
