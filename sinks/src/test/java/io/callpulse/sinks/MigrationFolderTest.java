package io.callpulse.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationFolderTest {

  @Test
  void findsEveryFileInVersionOrderStartingWithTheHistoryTable() {
    List<Migration> migrations = MigrationFolder.fromClasspath();
    assertEquals("schema_migrations", migrations.get(0).name());
    for (int i = 0; i < migrations.size(); i++) {
      assertEquals(i, migrations.get(i).version(), "versions are consecutive from 0");
    }
    assertTrue(migrations.size() >= 9);
  }

  @Test
  void everyFileFillsWithTheDefaultSettingsAndUsesTheDatabasePlaceholder() {
    for (Migration migration : MigrationFolder.fromClasspath()) {
      String filled =
          SqlScript.fill(migration.script(), MigratorSettings.defaults().placeholders());
      for (String statement : SqlScript.statements(filled)) {
        // CREATE ... IF NOT EXISTS, DROP ... IF EXISTS of an object a later statement replaces,
        // ALTER TABLE ... MODIFY SETTING (setting a value twice is the same as once) or ALTER
        // TABLE ... ADD COLUMN IF NOT EXISTS
        boolean alter = statement.startsWith("ALTER TABLE callpulse.");
        assertTrue(
            statement.contains("IF NOT EXISTS callpulse.")
                || statement.startsWith("DROP") && statement.contains(" IF EXISTS callpulse.")
                || alter && statement.contains(" MODIFY SETTING ")
                || alter && statement.matches("(?s).*\\sADD COLUMN IF NOT EXISTS\\s.*"),
            migration.fileName() + ": statements must be idempotent and name the database");
      }
    }
  }

  @Test
  void migrationNamesFollowTheRule() {
    Migration migration = Migration.of("V012__add_things.sql", "SELECT 1");
    assertEquals(12, migration.version());
    assertEquals("add_things", migration.name());
    assertEquals("V012__add_things.sql", migration.fileName());
    assertEquals(64, migration.checksum().length());
    assertThrows(MigrationException.class, () -> Migration.of("V1_add.sql", "SELECT 1"));
    assertThrows(MigrationException.class, () -> Migration.of("add.sql", "SELECT 1"));
  }

  @Test
  void checksumChangesWithTheText() {
    assertTrue(
        !Migration.of("V001__a.sql", "SELECT 1")
            .checksum()
            .equals(Migration.of("V001__a.sql", "SELECT 2").checksum()));
  }
}
