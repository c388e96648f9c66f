package io.callpulse.notifier.config;

import java.util.Objects;

/**
 * Where the delivery audit goes (ClickHouse HTTP interface).
 *
 * @param url e.g. {@code http://127.0.0.1:8123}
 */
public record ClickHouseSettings(String url, String database, String user, String password) {

  public ClickHouseSettings {
    Objects.requireNonNull(url, "clickhouse.url is required");
    database = database == null ? "callpulse" : database;
    if (!database.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
      throw new IllegalArgumentException("clickhouse.database must be a plain identifier");
    }
    user = user == null ? "default" : user;
    password = password == null ? "" : password;
  }

  @Override
  public String toString() {
    return "ClickHouseSettings[url=" + url + ", database=" + database + ", user=" + user + "]";
  }
}
