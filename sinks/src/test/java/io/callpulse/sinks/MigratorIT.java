package io.callpulse.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.testsupport.ClickHouseServer;
import io.callpulse.testsupport.RealClickHouse;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealClickHouse
class MigratorIT {

  private static TestClickHouse clickHouse;

  @BeforeAll
  static void startClickHouse(ClickHouseServer server) {
    clickHouse = TestClickHouse.shared(server);
  }

  @AfterAll
  static void stopClickHouse() {
    clickHouse.close();
  }

  @Test
  void appliesEveryFileOnceAndRecordsIt() throws SQLException {
    List<Migration> files = MigrationFolder.fromClasspath();
    try (Connection connection = clickHouse.connect()) {
      Migrator migrator =
          new Migrator(connection, new MigratorSettings("mig_once", 90), files, line -> {});
      assertEquals(files.size(), migrator.pending().size());
      assertEquals(files, migrator.migrate());
      assertEquals(List.of(), migrator.migrate(), "a second run applies nothing");
      assertEquals(List.of(), migrator.pending());
      assertEquals(
          files.size(),
          clickHouse.queryLong(connection, "SELECT count() FROM mig_once.schema_migrations FINAL"));
      assertEquals(
          files.get(4).checksum(),
          clickHouse.queryString(
              connection,
              "SELECT checksum FROM mig_once.schema_migrations FINAL WHERE version = 4"));
    }
  }

  @Test
  void commandLineMigratesOnceAndFailsOnBadCredentials() {
    String url = clickHouse.jdbcUrl("mig_cli");
    Map<String, String> env = Map.of("CH_PASSWORD", clickHouse.password());
    String[] args = {"--url", url, "--user", clickHouse.user(), "--password-env", "CH_PASSWORD"};
    assertEquals(0, MigratorMain.run(args, env), "creates the database named in the URL");
    assertEquals(0, MigratorMain.run(args, env));
    assertEquals(1, MigratorMain.run(args, Map.of("CH_PASSWORD", "wrong")));
  }

  @Test
  void refusesWhenAnAppliedFileChanged() throws SQLException {
    List<Migration> files = MigrationFolder.fromClasspath();
    try (Connection connection = clickHouse.connect()) {
      MigratorSettings settings = new MigratorSettings("mig_changed", 90);
      new Migrator(connection, settings, files, line -> {}).migrate();
      List<Migration> edited = new ArrayList<>(files);
      Migration original = files.get(3);
      edited.set(3, Migration.of(original.fileName(), original.script() + "\n-- edited\n"));
      Migrator migrator = new Migrator(connection, settings, edited, line -> {});
      MigrationException refused = assertThrows(MigrationException.class, migrator::migrate);
      assertTrue(
          refused.getMessage().startsWith("V003__event_outcomes.sql was changed after it was"),
          refused.getMessage());
      assertThrows(MigrationException.class, migrator::pending);
    }
  }

  @Test
  void refusesADatabaseMigratedByANewerBuild() throws SQLException {
    List<Migration> files = MigrationFolder.fromClasspath();
    try (Connection connection = clickHouse.connect()) {
      MigratorSettings settings = new MigratorSettings("mig_newer", 90);
      new Migrator(connection, settings, files, line -> {}).migrate();
      Migrator older = new Migrator(connection, settings, files.subList(0, 3), line -> {});
      MigrationException refused = assertThrows(MigrationException.class, older::migrate);
      assertTrue(refused.getMessage().contains("newer CallPulse"), refused.getMessage());
    }
  }

  @Test
  void rawEventsTtlComesFromTheSettings() throws SQLException {
    try (Connection connection = clickHouse.connect()) {
      new Migrator(
              connection,
              new MigratorSettings("mig_ttl", 7),
              MigrationFolder.fromClasspath(),
              line -> {})
          .migrate();
      String ddl =
          clickHouse.queryString(
              connection,
              "SELECT create_table_query FROM system.tables"
                  + " WHERE database = 'mig_ttl' AND name = 'raw_events'");
      assertTrue(ddl.contains("toIntervalDay(7)"), ddl);
    }
  }

  @Test
  void everyInsertColumnListIsTheTablesFullColumnList() throws SQLException {
    try (Connection connection = clickHouse.connect()) {
      new Migrator(
              connection,
              new MigratorSettings("mig_columns", 90),
              MigrationFolder.fromClasspath(),
              line -> {})
          .migrate();
      for (TableSpec table : Tables.ALL) {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT name FROM system.columns WHERE database = 'mig_columns' AND table = ?"
                    + " ORDER BY position")) {
          statement.setString(1, table.name());
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              columns.add(rows.getString(1));
            }
          }
        }
        assertEquals(columns, table.columns(), "Tables." + table.name() + " vs the DDL");
      }
    }
  }

  /**
   * The binding rules the job's binders follow (Instants, BigInteger UInt64, arrays, NULLs), and
   * FINAL keeping one row per key even when a later version moved the row to another partition.
   */
  @Test
  void rowsBoundTheDocumentedWayRoundTripAndTheLatestVersionWinsAcrossPartitions()
      throws SQLException {
    try (Connection setup = clickHouse.connect()) {
      new Migrator(
              setup,
              new MigratorSettings("mig_rows", 90),
              MigrationFolder.fromClasspath(),
              line -> {})
          .migrate();
    }
    try (Connection connection = clickHouse.connect("mig_rows");
        PreparedStatement insert = connection.prepareStatement(Tables.CHANNEL_EPOCHS.insertSql())) {
      bindEpoch(insert, Instant.parse("2025-01-31T23:59:59Z"), 1, new BigInteger("100"), 0);
      insert.addBatch();
      bindEpoch(
          insert,
          Instant.parse("2025-02-01T00:00:01Z"),
          2,
          new BigInteger("18446744073709551615"),
          0);
      insert.addBatch();
      insert.executeBatch();
      try (Statement statement = connection.createStatement();
          ResultSet row =
              statement.executeQuery(
                  "SELECT count(), any(toString(first_activity)), any(total_seconds),"
                      + " any(toString(client_types)), any(isNull(destroy_ts))"
                      + " FROM channel_epochs FINAL")) {
        row.next();
        assertEquals(1, row.getLong(1));
        assertEquals("2025-02-01 00:00:01", row.getString(2));
        assertEquals(new BigInteger("18446744073709551615"), row.getObject(3, BigInteger.class));
        assertEquals("[-1,10]", row.getString(4));
        assertEquals(1, row.getInt(5));
      }
      bindEpoch(insert, Instant.parse("2025-02-01T00:00:01Z"), 3, BigInteger.ONE, 1);
      insert.executeUpdate();
      assertEquals(0, clickHouse.queryLong(connection, "SELECT count() FROM channel_epochs FINAL"));
    }
  }

  private static void bindEpoch(
      PreparedStatement insert,
      Instant firstActivity,
      long version,
      BigInteger seconds,
      int deleted)
      throws SQLException {
    TableSpec t = Tables.CHANNEL_EPOCHS;
    insert.clearParameters();
    insert.setString(t.position("app_id"), "app");
    insert.setString(t.position("channel_name"), "room");
    insert.setString(t.position("epoch_id"), "e1");
    insert.setObject(t.position("create_ts"), firstActivity);
    insert.setObject(t.position("destroy_ts"), null);
    insert.setObject(t.position("first_activity"), firstActivity);
    insert.setObject(t.position("last_activity"), firstActivity.plusSeconds(60));
    insert.setInt(t.position("provisional"), 0);
    insert.setString(t.position("closed_by"), "open");
    insert.setObject(t.position("total_seconds"), seconds);
    insert.setLong(t.position("host_seconds"), 0);
    insert.setLong(t.position("audience_seconds"), 0);
    insert.setLong(t.position("unique_users"), 1);
    insert.setLong(t.position("unique_hosts"), 1);
    insert.setLong(t.position("unique_audiences"), 0);
    insert.setLong(t.position("role_switches"), 0);
    insert.setLong(t.position("sessions"), 1);
    insert.setLong(t.position("peak_concurrent_users"), 1);
    insert.setObject(t.position("peak_at"), firstActivity);
    insert.setObject(t.position("client_types"), new int[] {-1, 10});
    insert.setObject(t.position("platforms"), List.of(1, 7));
    insert.setInt(t.position("communication_mode"), 0);
    insert.setLong(t.position("version"), version);
    insert.setInt(t.position("is_deleted"), deleted);
  }
}
