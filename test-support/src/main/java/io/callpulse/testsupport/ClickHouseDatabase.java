package io.callpulse.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * One database on a {@link ClickHouseServer}: the unit a test class owns, so classes sharing the
 * run's server never see each other's tables.
 */
public record ClickHouseDatabase(ClickHouseServer server, String name) {

  public ClickHouseDatabase {
    ClickHouseServer.requireIdentifier(name);
  }

  /**
   * JDBC URL with this database as the default one; use with {@link #user()}/{@link #password()}.
   */
  public String jdbcUrl() {
    return server.jdbcUrl(name);
  }

  public String user() {
    return server.user();
  }

  public String password() {
    return server.password();
  }

  /** Runs one statement with this database as the current one (unqualified table names work). */
  public void execute(String sql) {
    server.execute(sql, name);
  }

  /** Rows as text, NULL as {@code null}; unqualified table names resolve in this database. */
  public List<List<String>> query(String sql) {
    return server.query(sql, name);
  }

  /** A new clickhouse-jdbc connection to this database; the caller closes it. */
  public Connection openConnection() throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", user());
    credentials.setProperty("password", password());
    return DriverManager.getConnection(jdbcUrl(), credentials);
  }
}
