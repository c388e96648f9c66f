package io.callpulse.gateway.config;

/** A configuration the gateway refuses to start with; the message names the key and the fix. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
