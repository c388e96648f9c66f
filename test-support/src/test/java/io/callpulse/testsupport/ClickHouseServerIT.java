package io.callpulse.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealClickHouse
class ClickHouseServerIT {

  private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");
  private static final Instant JOINED = Instant.parse("2024-05-01T10:15:30.123Z");

  @BeforeAll
  static void createTable(ClickHouseDatabase db) {
    db.execute(
        "CREATE TABLE presence (channel String, uid UInt64, joined_at DateTime64(3, 'UTC'),"
            + " reason Nullable(String)) ENGINE = MergeTree ORDER BY (channel, uid)");
  }

  @Test
  void jdbcRoundTripsDateTime64UInt64MaxAndNull(ClickHouseDatabase db) throws SQLException {
    try (Connection connection = db.openConnection()) {
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO presence VALUES (?, ?, ?, ?)")) {
        insert.setString(1, "jdbc");
        insert.setObject(2, UINT64_MAX);
        insert.setObject(3, JOINED);
        insert.setNull(4, Types.VARCHAR);
        insert.executeUpdate();
      }
      try (Statement select = connection.createStatement();
          ResultSet rs =
              select.executeQuery(
                  "SELECT uid, toUnixTimestamp64Milli(joined_at), reason FROM presence"
                      + " WHERE channel = 'jdbc'")) {
        assertTrue(rs.next());
        assertEquals(UINT64_MAX, rs.getObject(1, BigInteger.class));
        assertEquals(JOINED.toEpochMilli(), rs.getLong(2));
        assertNull(rs.getString(3));
      }
    }
  }

  @Test
  void httpQueryReturnsTextRowsWithNull(ClickHouseDatabase db) {
    db.execute(
        "INSERT INTO presence VALUES ('http', 7, '2024-05-01 10:15:30.123', NULL),"
            + " ('http', 8, '2024-05-01 10:15:31.000', 'quit')");

    List<List<String>> rows =
        db.query("SELECT uid, joined_at, reason FROM presence WHERE channel = 'http' ORDER BY uid");

    assertEquals(
        List.of(
            Arrays.asList("7", "2024-05-01 10:15:30.123", null),
            List.of("8", "2024-05-01 10:15:31.000", "quit")),
        rows);
  }

  @Test
  void jdbcUrlPinsSynchronousInsertsAndTheDatabase(ClickHouseDatabase db) throws SQLException {
    assertEquals("0", asyncInsertSeenThrough(db.jdbcUrl(), db));
    // the prefix really reaches the server: flipping it in the URL flips the setting
    assertEquals(
        "1", asyncInsertSeenThrough(db.jdbcUrl().replace("async_insert=0", "async_insert=1"), db));
  }

  private static String asyncInsertSeenThrough(String url, ClickHouseDatabase db)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, db.user(), db.password());
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT toUInt8(getSetting('async_insert')), currentDatabase()")) {
      assertTrue(rs.next());
      assertEquals(db.name(), rs.getString(2));
      return rs.getString(1);
    }
  }

  @Test
  void jdbcReadsDateTime64AsInstant(ClickHouseDatabase db) throws SQLException {
    try (Connection connection = db.openConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT toDateTime64('2024-05-01 10:15:30.123', 3, 'UTC') AS at")) {
      assertTrue(rs.next());
      assertEquals(JOINED, rs.getObject(1, java.time.OffsetDateTime.class).toInstant());
      assertEquals(JOINED, rs.getTimestamp(1).toInstant());
    }
  }

  @Test
  void wrongPasswordIsRefusedOverJdbcAndHttp(ClickHouseServer clickHouse, ClickHouseDatabase db) {
    Properties wrong = new Properties();
    wrong.setProperty("user", clickHouse.user());
    wrong.setProperty("password", clickHouse.password() + "-wrong");
    SQLException jdbc =
        assertThrows(
            SQLException.class,
            () -> {
              try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), wrong);
                  Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT 1").close();
              }
            });
    assertTrue(
        String.valueOf(jdbc.getMessage()).contains("516")
            || String.valueOf(jdbc.getMessage()).contains("Authentication failed"),
        jdbc.getMessage());

    ClickHouseHttp http = new ClickHouseHttp(clickHouse.httpPort(), clickHouse.user(), "nope");
    ClickHouseQueryException refused =
        assertThrows(ClickHouseQueryException.class, () -> http.query("SELECT 1", null));
    assertEquals(403, refused.httpStatus());
  }

  @Test
  void eachTestClassGetsItsOwnDatabase(ClickHouseServer clickHouse, ClickHouseDatabase db) {
    ClickHouseDatabase other =
        clickHouse.createDatabase("it_other_" + ProcessHandle.current().pid());

    assertNotEquals(db.name(), other.name());
    assertEquals(List.of(), other.query("SHOW TABLES"));
    assertEquals(List.of(List.of("presence")), db.query("SHOW TABLES"));
  }

  @Test
  void badStatementsFailWithClickHousesMessage(ClickHouseDatabase db) {
    ClickHouseQueryException e =
        assertThrows(
            ClickHouseQueryException.class, () -> db.query("SELECT no_such_column FROM presence"));

    assertTrue(e.getMessage().contains("no_such_column"), e.getMessage());
  }
}
