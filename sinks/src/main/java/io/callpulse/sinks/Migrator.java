package io.callpulse.sinks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Applies the pending migration files in version order and records each in {@code
 * schema_migrations} (version, name, checksum, applied_at).
 *
 * <p>Safe to re-run: applied versions are skipped. It refuses to touch anything when an applied
 * file's checksum changed or the database has a version this build does not know. ClickHouse DDL is
 * not transactional, so a file that fails half-way is applied again from its start on the next run:
 * every statement must be idempotent ({@code IF NOT EXISTS}). Two migrators running at once are
 * harmless for the same reason, but run one.
 */
public final class Migrator {

  private static final int SCHEMA_MIGRATIONS_VERSION = 0;

  private final Connection connection;
  private final MigratorSettings settings;
  private final List<Migration> migrations;
  private final Consumer<String> progress;

  /**
   * @param connection a connection to the server (its database does not matter: every statement
   *     names the target database)
   * @param migrations the files, e.g. {@link MigrationFolder#fromClasspath()}
   * @param progress told about each file applied
   */
  public Migrator(
      Connection connection,
      MigratorSettings settings,
      List<Migration> migrations,
      Consumer<String> progress) {
    this.connection = connection;
    this.settings = settings;
    this.migrations =
        migrations.stream().sorted((a, b) -> Integer.compare(a.version(), b.version())).toList();
    this.progress = progress;
    if (this.migrations.isEmpty()
        || this.migrations.get(0).version() != SCHEMA_MIGRATIONS_VERSION) {
      throw new MigrationException(
          "the first migration must be V000, which creates schema_migrations");
    }
  }

  /** Applies what is pending; returns the migrations applied by this call, in order. */
  public List<Migration> migrate() {
    try {
      execute("CREATE DATABASE IF NOT EXISTS " + settings.database());
      Map<Integer, AppliedMigration> applied = applied();
      verify(applied);
      List<Migration> done = new ArrayList<>();
      for (Migration migration : migrations) {
        if (!applied.containsKey(migration.version())) {
          apply(migration);
          done.add(migration);
        }
      }
      return done;
    } catch (SQLException e) {
      throw new MigrationException("migration failed: " + e.getMessage(), e);
    }
  }

  /** The files not yet applied, without applying anything (after the same checks as migrate). */
  public List<Migration> pending() {
    try {
      Map<Integer, AppliedMigration> applied = databaseExists() ? applied() : Map.of();
      verify(applied);
      return migrations.stream().filter(m -> !applied.containsKey(m.version())).toList();
    } catch (SQLException e) {
      throw new MigrationException("cannot read the migration history: " + e.getMessage(), e);
    }
  }

  private void verify(Map<Integer, AppliedMigration> applied) {
    Map<Integer, Migration> known = new TreeMap<>();
    migrations.forEach(m -> known.put(m.version(), m));
    for (AppliedMigration done : applied.values()) {
      Migration file = known.get(done.version());
      if (file == null) {
        throw new MigrationException(
            "database "
                + settings.database()
                + " has migration V"
                + done.version()
                + " ("
                + done.name()
                + ") that this build does not contain: it was migrated by a newer CallPulse."
                + " Use that version's migrator.");
      }
      if (!file.checksum().equals(done.checksum())) {
        throw new MigrationException(
            file.fileName()
                + " was changed after it was applied to database "
                + settings.database()
                + " (checksum applied "
                + done.checksum()
                + ", file now "
                + file.checksum()
                + "). Applied migrations must never be edited: restore the file and add a new"
                + " migration with the change. Nothing was applied.");
      }
    }
  }

  private void apply(Migration migration) throws SQLException {
    String script = SqlScript.fill(migration.script(), settings.placeholders());
    for (String statement : SqlScript.statements(script)) {
      try {
        execute(statement);
      } catch (SQLException e) {
        throw new MigrationException(
            migration.fileName() + " failed: " + e.getMessage() + "\nstatement: " + statement, e);
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO "
                + settings.database()
                + ".schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
      insert.setLong(1, migration.version());
      insert.setString(2, migration.name());
      insert.setString(3, migration.checksum());
      insert.setObject(4, Instant.now().truncatedTo(ChronoUnit.SECONDS));
      insert.executeUpdate();
    }
    progress.accept("applied " + migration.fileName());
  }

  private Map<Integer, AppliedMigration> applied() throws SQLException {
    Map<Integer, AppliedMigration> applied = new TreeMap<>();
    if (!historyExists()) {
      return applied;
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version, name, checksum FROM "
                    + settings.database()
                    + ".schema_migrations FINAL ORDER BY version")) {
      while (rows.next()) {
        int version = rows.getInt(1);
        applied.put(version, new AppliedMigration(version, rows.getString(2), rows.getString(3)));
      }
    }
    return applied;
  }

  private boolean databaseExists() throws SQLException {
    return count("SELECT count() FROM system.databases WHERE name = ?", settings.database()) > 0;
  }

  private boolean historyExists() throws SQLException {
    return count(
            "SELECT count() FROM system.tables WHERE database = ? AND name = 'schema_migrations'",
            settings.database())
        > 0;
  }

  private long count(String sql, String parameter) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private record AppliedMigration(int version, String name, String checksum) {}
}
