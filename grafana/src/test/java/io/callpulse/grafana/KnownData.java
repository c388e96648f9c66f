package io.callpulse.grafana;

import io.callpulse.sinks.MigrationFolder;
import io.callpulse.sinks.Migrator;
import io.callpulse.sinks.MigratorSettings;
import io.callpulse.testsupport.ClickHouseDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test database with the real CallPulse schema (the sinks module's migrations, run by its
 * Migrator) and the known rows of src/test/resources/fixtures.
 */
final class KnownData {

  static final String DASHBOARD_DAY = "fixtures/dashboard-day.sql";
  static final String ALERT_DAY = "fixtures/alert-day.sql";

  /**
   * The fixtures are dated March 2025: with the production TTL (90 days after received_at)
   * ClickHouse would drop the raw rows as soon as they are inserted. (Not 100 years: DateTime ends
   * in 2106, and an overflowing TTL expires at once.)
   */
  static final int RAW_TTL_DAYS = 20_000;

  private KnownData() {}

  static void load(ClickHouseDatabase db, String... fixtures) throws SQLException {
    try (Connection connection = db.openConnection()) {
      new Migrator(
              connection,
              new MigratorSettings(db.name(), RAW_TTL_DAYS),
              MigrationFolder.fromClasspath(),
              line -> {})
          .migrate();
    }
    for (String fixture : fixtures) {
      for (String statement : statements(fixture)) {
        db.execute(statement);
      }
    }
  }

  /** Rows as column name to text value (ClickHouse's TabSeparated rendering, NULL as null). */
  /**
   * A panel's rows; a failing query fails the test naming the panel ({@code where}) and its SQL.
   */
  static List<Map<String, String>> panelRows(ClickHouseDatabase db, String where, String sql) {
    try {
      return rows(db, sql);
    } catch (RuntimeException e) {
      throw new AssertionError(where + " failed:\n" + sql, e);
    }
  }

  static List<Map<String, String>> rows(ClickHouseDatabase db, String sql) {
    List<List<String>> table =
        db.query("SELECT * FROM (\n" + sql + "\n) FORMAT TabSeparatedWithNames");
    List<String> names = table.get(0);
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> values : table.subList(1, table.size())) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        row.put(names.get(i), values.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  /** Column name to ClickHouse type of a query's result. */
  static Map<String, String> columns(ClickHouseDatabase db, String sql) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (List<String> column : db.query("DESCRIBE (\n" + sql + "\n)")) {
      columns.put(column.get(0), column.get(1));
    }
    return columns;
  }

  private static List<String> statements(String resource) {
    try (InputStream in = KnownData.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no " + resource + " on the test class path");
      }
      StringBuilder script = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.startsWith("--")) {
          script.append(line).append('\n');
        }
      }
      List<String> statements = new ArrayList<>();
      for (String statement : script.toString().split(";\\s*\n")) {
        if (!statement.isBlank()) {
          statements.add(statement.strip());
        }
      }
      return statements;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
