package io.callpulse.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

  @Test
  void splitsAtSemicolonsOutsideQuotesAndComments() {
    String script =
        """
        -- a comment; with a semicolon
        CREATE TABLE a (s String DEFAULT 'x;y'); /* block; comment */
        CREATE TABLE `b;c` (n UInt8) -- trailing; comment
        ;
        """;
    assertEquals(
        List.of("CREATE TABLE a (s String DEFAULT 'x;y')", "CREATE TABLE `b;c` (n UInt8)"),
        SqlScript.statements(script));
  }

  @Test
  void keepsEscapedQuotesInsideStrings() {
    assertEquals(
        List.of("SELECT 'it\\'s; fine'", "SELECT 2"),
        SqlScript.statements("SELECT 'it\\'s; fine'; SELECT 2"));
  }

  @Test
  void fillsPlaceholdersAndRejectsUnknownOnes() {
    assertEquals(
        "CREATE TABLE db.t TTL d + INTERVAL 7 DAY",
        SqlScript.fill(
            "CREATE TABLE ${database}.t TTL d + INTERVAL ${raw_ttl_days} DAY",
            Map.of("database", "db", "raw_ttl_days", "7")));
    MigrationException e =
        assertThrows(
            MigrationException.class, () -> SqlScript.fill("${nope}", Map.of("database", "db")));
    assertEquals("placeholder ${nope} has no value; known: [database]", e.getMessage());
  }

  @Test
  void rejectsUnterminatedQuotes() {
    assertThrows(MigrationException.class, () -> SqlScript.statements("SELECT 'open"));
  }
}
