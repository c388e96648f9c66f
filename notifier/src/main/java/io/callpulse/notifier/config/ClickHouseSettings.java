package io.callpulse.notifier.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * Where the delivery audit goes (ClickHouse HTTP interface).
 *
 * @param url e.g. {@code http://127.0.0.1:8123}
 * @param password in the file (or a {@code ${NAME}} reference); leave it out with {@code
 *     passwordEnv}
 * @param passwordEnv the name of the environment variable holding the password, read at start: the
 *     password then never passes through the file's text (Helm and compose use this)
 */
public record ClickHouseSettings(
    String url, String database, String user, String password, String passwordEnv) {

  public ClickHouseSettings {
    Objects.requireNonNull(url, "clickhouse.url is required");
    database = database == null ? "callpulse" : database;
    if (!database.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
      throw new IllegalArgumentException("clickhouse.database must be a plain identifier");
    }
    user = user == null ? "default" : user;
    password = password == null ? "" : password;
    if (passwordEnv != null && !passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(
          "clickhouse.passwordEnv must be an environment variable name");
    }
  }

  /**
   * The password read from {@link #passwordEnv()} when set (an unset variable is an error, as is a
   * password given both ways).
   */
  ClickHouseSettings withPasswordFrom(Function<String, String> environment) {
    if (passwordEnv == null) {
      return this;
    }
    if (!password.isEmpty()) {
      throw new IllegalArgumentException(
          "set clickhouse.password or clickhouse.passwordEnv, not both");
    }
    String value = environment.apply(passwordEnv);
    if (value == null) {
      throw new IllegalArgumentException(
          "clickhouse.passwordEnv names " + passwordEnv + " but it is not set");
    }
    return new ClickHouseSettings(url, database, user, value, passwordEnv);
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "ClickHouseSettings[url="
        + url
        + ", database="
        + database
        + ", user="
        + user
        + ", password="
        + (password.isEmpty() ? "(none)" : "(redacted)")
        + (passwordEnv == null ? "" : ", passwordEnv=" + passwordEnv)
        + "]";
  }
}
