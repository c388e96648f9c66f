package io.callpulse.notifier.config;

import java.util.function.Function;

/**
 * The ops HTTP server ({@code /health}, {@code /ready}, {@code /metrics}).
 *
 * @param host address to bind; loopback unless set (containers set {@code 0.0.0.0})
 * @param port {@value #DEFAULT_PORT} unless set; 0 picks a free port (tests)
 */
public record OpsSettings(String host, Integer port) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8090;

  /** Environment variables that override {@code ops.host} and {@code ops.port}. */
  public static final String HOST_ENV = "CALLPULSE_NOTIFIER_OPS_HOST";

  public static final String PORT_ENV = "CALLPULSE_NOTIFIER_OPS_PORT";

  public OpsSettings {
    host = host == null || host.isBlank() ? DEFAULT_HOST : host.strip();
    port = port == null ? DEFAULT_PORT : port;
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("ops.port must be in [0, 65535], got " + port);
    }
  }

  public static OpsSettings defaults() {
    return new OpsSettings(null, null);
  }

  /** These settings with {@link #HOST_ENV} and {@link #PORT_ENV} applied where set. */
  OpsSettings withEnvironment(Function<String, String> environment) {
    String envHost = environment.apply(HOST_ENV);
    String envPort = environment.apply(PORT_ENV);
    Integer newPort = port;
    if (envPort != null && !envPort.isBlank()) {
      try {
        newPort = Integer.parseInt(envPort.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(PORT_ENV + " is not a port number: " + envPort);
      }
    }
    return new OpsSettings(envHost == null || envHost.isBlank() ? host : envHost, newPort);
  }
}
