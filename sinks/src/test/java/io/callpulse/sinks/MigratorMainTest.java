package io.callpulse.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MigratorMainTest {

  @Test
  void parsesValuesInBothForms() {
    Map<String, String> options =
        MigratorMain.parse(
            new String[] {"--url", "http://h:8123", "--database=cp", "--dry-run", "--user", "u"});
    assertEquals("http://h:8123", options.get("url"));
    assertEquals("cp", options.get("database"));
    assertEquals("true", options.get("dry-run"));
    assertEquals("jdbc:clickhouse:http://h:8123", MigratorMain.jdbcUrl(options));
  }

  @Test
  void connectsToTheServerAndTakesTheDatabaseFromTheUrlUnlessGiven() {
    Map<String, String> options =
        MigratorMain.parse(new String[] {"--url", "jdbc:clickhouse:http://h:8123/cp?ssl=false"});
    assertEquals("jdbc:clickhouse:http://h:8123?ssl=false", MigratorMain.serverUrl(options));
    assertEquals("cp", MigratorMain.database(options));
    Map<String, String> named =
        MigratorMain.parse(new String[] {"--url", "http://h:8123/cp", "--database", "other"});
    assertEquals("other", MigratorMain.database(named));
    assertEquals("jdbc:clickhouse:http://h:8123", MigratorMain.serverUrl(named));
    assertEquals(
        "callpulse",
        MigratorMain.database(MigratorMain.parse(new String[] {"--url", "http://h:1"})));
  }

  @Test
  void rejectsUnknownAndIncompleteArguments() {
    assertThrows(IllegalArgumentException.class, () -> MigratorMain.parse(new String[] {"--x"}));
    assertThrows(IllegalArgumentException.class, () -> MigratorMain.parse(new String[] {"--user"}));
    assertThrows(IllegalArgumentException.class, () -> MigratorMain.parse(new String[] {}));
  }

  @Test
  void badArgumentsExitWithTwoBeforeConnecting() {
    assertEquals(2, MigratorMain.run(new String[] {"--url"}, Map.of()));
    assertEquals(
        2,
        MigratorMain.run(
            new String[] {"--url", "http://127.0.0.1:1", "--password-env", "UNSET_VAR"}, Map.of()));
    assertEquals(
        2,
        MigratorMain.run(
            new String[] {"--url", "http://127.0.0.1:1", "--database", "x;drop"}, Map.of()));
  }
}
