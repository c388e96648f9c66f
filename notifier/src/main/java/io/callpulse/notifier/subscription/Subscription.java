package io.callpulse.notifier.subscription;

import io.callpulse.notifier.event.EventType;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A partner endpoint of one app that wants some event types.
 *
 * @param secrets Standard Webhooks secrets ({@code whsec_<base64>}); requests are signed with the
 *     first. Rotation: add the new secret to the receiver, put it first here, later drop the old.
 * @param customFields static top-level fields added to every payload (e.g. the partner's own
 *     account id); they cannot replace {@code id, type, timestamp, appId, data}
 * @param allowInsecureLocal plain {@code http} is refused unless this is set AND the host is a
 *     loopback address (a receiver on the same machine, tests)
 */
public record Subscription(
    String id,
    String appId,
    String url,
    Boolean allowInsecureLocal,
    List<EventType> events,
    List<String> secrets,
    Map<String, Object> customFields,
    Boolean enabled) {

  public static final Set<String> RESERVED_FIELDS =
      Set.of("id", "type", "timestamp", "appId", "data");

  public Subscription {
    if (id == null || !id.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException(
          "subscription id must be 1-64 characters of [A-Za-z0-9_.-], got " + id);
    }
    if (appId == null || appId.isBlank()) {
      throw new IllegalArgumentException("subscription " + id + ": appId is required");
    }
    allowInsecureLocal = allowInsecureLocal != null && allowInsecureLocal;
    enabled = enabled == null || enabled;
    events = events == null ? List.of() : List.copyOf(events);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("subscription " + id + ": list at least one event type");
    }
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException(
          "subscription " + id + ": at least one secret is required");
    }
    for (String secret : secrets) {
      try {
        SigningSecret.parse(secret);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("subscription " + id + ": " + e.getMessage(), e);
      }
    }
    customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    for (String field : customFields.keySet()) {
      if (RESERVED_FIELDS.contains(field)) {
        throw new IllegalArgumentException(
            "subscription " + id + ": custom field '" + field + "' is reserved");
      }
    }
    checkUrl(id, url, allowInsecureLocal);
  }

  public boolean wants(EventType type) {
    return events.contains(type);
  }

  private static void checkUrl(String id, String url, boolean allowInsecureLocal) {
    URI uri;
    try {
      uri = new URI(url == null ? "" : url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("subscription " + id + ": bad url: " + e.getMessage(), e);
    }
    if (uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          "subscription " + id + ": url must be absolute, with a host, no user info or fragment");
    }
    if ("https".equals(uri.getScheme())) {
      return;
    }
    if (!"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException("subscription " + id + ": url must be https");
    }
    if (!allowInsecureLocal || !isLoopback(uri.getHost())) {
      throw new IllegalArgumentException(
          "subscription "
              + id
              + ": url must be https (plain http only for a loopback host with"
              + " allowInsecureLocal: true)");
    }
  }

  /** Literal loopback only: a name other than localhost is never resolved here. */
  private static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!literal.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    // secrets stay out of logs
    return "Subscription[" + id + ", app " + appId + ", " + url + ", " + events + "]";
  }
}
