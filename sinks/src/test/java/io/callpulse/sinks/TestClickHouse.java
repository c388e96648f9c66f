package io.callpulse.sinks;

import io.callpulse.testsupport.ClickHouseServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** A real ClickHouse from test-support, with the JDBC helpers these tests share. */
final class TestClickHouse implements AutoCloseable {

  private final ClickHouseServer server;
  private final boolean owned;

  private TestClickHouse(ClickHouseServer server, boolean owned) {
    this.server = server;
    this.owned = owned;
  }

  /** The run's shared server (from {@code @RealClickHouse}); closing leaves it running. */
  static TestClickHouse shared(ClickHouseServer server) {
    return new TestClickHouse(server, false);
  }

  /** A server of this test's own in {@code home}, for tests that stop it. */
  static TestClickHouse own(Path home) {
    return new TestClickHouse(ClickHouseServer.startIn(home), true);
  }

  void migrate(String database) throws SQLException {
    try (Connection connection = connect()) {
      new Migrator(
              connection,
              new MigratorSettings(database, 90),
              MigrationFolder.fromClasspath(),
              line -> {})
          .migrate();
    }
  }

  /** A connection whose default database is {@code default}; statements name their database. */
  Connection connect() throws SQLException {
    return connect("default");
  }

  Connection connect(String database) throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", server.user());
    credentials.setProperty("password", server.password());
    return DriverManager.getConnection(server.jdbcUrl(database), credentials);
  }

  String jdbcUrl(String database) {
    return server.jdbcUrl(database);
  }

  String user() {
    return server.user();
  }

  String password() {
    return server.password();
  }

  long queryLong(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  String queryString(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  void stop() {
    server.stop();
  }

  void restart() {
    server.start();
  }

  @Override
  public void close() {
    if (owned) {
      server.stop();
    }
  }
}
