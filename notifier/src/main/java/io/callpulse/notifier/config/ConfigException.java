package io.callpulse.notifier.config;

/** The configuration file cannot be used; the message says why (never quoting a secret). */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
