package io.callpulse.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callpulse.testsupport.ClickHouseServer;
import io.callpulse.testsupport.RealClickHouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The view {@code app_concurrency_minute} (V010) on known {@code channel_concurrency} steps: per
 * app and minute the maxima of the SUM of the channels' step functions (agora-ncs.md rule 8), the
 * latest version of each step only, deleted steps ignored. Every expected figure is worked out by
 * hand in the comments.
 */
@RealClickHouse
class AppConcurrencyViewIT {

  private static final String DATABASE = "app_concurrency";
  private static final String COLUMNS =
      " (app_id, channel_name, epoch_id, ts, users, hosts, audiences, version, is_deleted)";

  private static TestClickHouse clickHouse;

  @BeforeAll
  static void migrateAndInsertSteps(ClickHouseServer server) throws SQLException {
    clickHouse = TestClickHouse.shared(server);
    clickHouse.migrate(DATABASE);
    try (Connection connection = clickHouse.connect(DATABASE)) {
      // app "acme", 2025-04-01 (users, hosts, audiences):
      //   c1/e1   12:00:10 (2,1,1)  12:01:30 (3,1,2)  12:03:00 (1,1,0) [v1 said (9,5,4)]  12:04:20
      // end
      //   c2/e2   12:01:30 (2,2,0)  12:01:45 (1,0,1)  12:03:00 end
      //   c3/e3   12:02:10 (5,5,0)  12:02:50 end     -- merged away: both steps deleted in v2
      //   c4/e4   12:03:00 (2,0,2)  12:06:40 end     -- joins the second c1 and c2 leave
      //   c1/e1b  12:08:00 (1,1,0)  12:08:30 end     -- the channel's next epoch
      // app-wide level: 12:00:10 (2,1,1), 12:01:30 (5,3,2), 12:01:45 (4,1,3), 12:03:00 (3,1,2)
      //   [1 + 0 + 2: the leaves of c1 and c2 and the join of c4 in one second], 12:04:20 (2,0,2),
      //   12:06:40 0, 12:08:00 (1,1,0), 12:08:30 0.
      clickHouse.execute(
          connection,
          "INSERT INTO channel_concurrency"
              + COLUMNS
              + " VALUES"
              + " ('acme', 'c1', 'e1', '2025-04-01 12:00:10', 2, 1, 1, 1, 0),"
              + " ('acme', 'c1', 'e1', '2025-04-01 12:01:30', 3, 1, 2, 1, 0),"
              + " ('acme', 'c1', 'e1', '2025-04-01 12:03:00', 9, 5, 4, 1, 0),"
              + " ('acme', 'c1', 'e1', '2025-04-01 12:04:20', 0, 0, 0, 1, 0),"
              + " ('acme', 'c2', 'e2', '2025-04-01 12:01:30', 2, 2, 0, 1, 0),"
              + " ('acme', 'c2', 'e2', '2025-04-01 12:01:45', 1, 0, 1, 1, 0),"
              + " ('acme', 'c2', 'e2', '2025-04-01 12:03:00', 0, 0, 0, 1, 0),"
              + " ('acme', 'c3', 'e3', '2025-04-01 12:02:10', 5, 5, 0, 1, 0),"
              + " ('acme', 'c3', 'e3', '2025-04-01 12:02:50', 0, 0, 0, 1, 0),"
              + " ('acme', 'c4', 'e4', '2025-04-01 12:03:00', 2, 0, 2, 1, 0),"
              + " ('acme', 'c4', 'e4', '2025-04-01 12:06:40', 0, 0, 0, 1, 0),"
              + " ('acme', 'c1', 'e1b', '2025-04-01 12:08:00', 1, 1, 0, 1, 0),"
              + " ('acme', 'c1', 'e1b', '2025-04-01 12:08:30', 0, 0, 0, 1, 0),"
              // a lone channel of another app, in the same minutes: never added to acme
              + " ('globex', 'c1', 'g1', '2025-04-01 12:01:00', 7, 7, 0, 1, 0),"
              + " ('globex', 'c1', 'g1', '2025-04-01 12:02:00', 0, 0, 0, 1, 0)");
      // later versions, in another insert (another part), as the job would write them
      clickHouse.execute(
          connection,
          "INSERT INTO channel_concurrency"
              + COLUMNS
              + " VALUES"
              + " ('acme', 'c1', 'e1', '2025-04-01 12:03:00', 1, 1, 0, 2, 0),"
              + " ('acme', 'c3', 'e3', '2025-04-01 12:02:10', 0, 0, 0, 2, 1),"
              + " ('acme', 'c3', 'e3', '2025-04-01 12:02:50', 0, 0, 0, 2, 1)");
    }
  }

  @AfterAll
  static void close() {
    clickHouse.close();
  }

  @Test
  void eachMinuteHoldsTheMaximaOfTheSummedStepFunctions() throws SQLException {
    assertEquals(
        List.of(
            "12:00:00 2 1 1", // 0 until :10, then (2,1,1)
            // (2,1,1), (5,3,2) at :30, (4,1,3) at :45: users and hosts peak at :30, audiences at
            // :45, so peak_hosts + peak_audiences (6) exceeds peak_users (5)
            "12:01:00 5 3 3",
            "12:02:00 4 1 3", // flat: no change in the minute, the level carried from 12:01:45
            // (the deleted c3 would have made it 9)
            "12:03:00 3 1 2", // one second's leaves and join together (the superseded v1: 11)
            "12:04:00 3 1 2", // (3,1,2) until :20 (c1's epoch ends), then (2,0,2)
            "12:05:00 2 0 2", // flat
            "12:06:00 2 0 2", // (2,0,2) until :40, then 0
            // 12:07: the level is 0 all minute: no row
            "12:08:00 1 1 0"), // c1's next epoch, 0 again at :30
        minutes("acme"));
    assertEquals(
        List.of("12:01:00 7 7 0", "12:02:00 0 0 0"), // a drop to 0 at :00 still has its row
        minutes("globex"));
  }

  @Test
  void anOpenEpochsLevelIsCarriedToTheCurrentMinuteAndAtMostSevenDays() throws SQLException {
    try (Connection connection = clickHouse.connect(DATABASE)) {
      clickHouse.execute(
          connection,
          "INSERT INTO channel_concurrency"
              + COLUMNS
              + " SELECT 'live', 'c1', 'e1', toStartOfMinute(now()) - 600 + 5, 3, 1, 2, 1, 0"
              + " UNION ALL"
              + " SELECT 'stalled', 'c1', 'e1', toStartOfMinute(now()) - 30 * 86400, 4, 4, 0, 1, 0");
      assertEquals(
          "1 3 3",
          clickHouse.queryString(
              connection,
              "SELECT concat(toString(count() = dateDiff('minute', min(minute),"
                  + " toStartOfMinute(now())) + 1 AND count() >= 11), ' ', toString(min(peak_users)),"
                  + " ' ', toString(max(peak_users)))"
                  + " FROM app_concurrency_minute WHERE app_id = 'live'"),
          "every minute from the step's to the current one, at 3 users");
      assertEquals(
          7 * 1440,
          clickHouse.queryLong(
              connection,
              "SELECT count() FROM app_concurrency_minute WHERE app_id = 'stalled'"
                  + " AND peak_users = 4"),
          "a level nobody closed (a stalled job) stops 7 days after it began");
    }
  }

  @Test
  void theMigrationCanRunAgainAndLeavesAViewOfTheContractsColumns() throws SQLException {
    Migration v011 =
        MigrationFolder.fromClasspath().stream()
            .filter(m -> m.name().equals("app_concurrency_view"))
            .findFirst()
            .orElseThrow();
    try (Connection connection = clickHouse.connect()) {
      String script =
          SqlScript.fill(v011.script(), new MigratorSettings(DATABASE, 90).placeholders());
      for (String statement : SqlScript.statements(script)) {
        clickHouse.execute(connection, statement);
      }
      assertEquals(
          "View",
          clickHouse.queryString(
              connection,
              "SELECT engine FROM system.tables WHERE database = '"
                  + DATABASE
                  + "' AND name = 'app_concurrency_minute'"));
      assertEquals(
          "app_id LowCardinality(String), minute DateTime('UTC'), peak_users UInt32,"
              + " peak_hosts UInt32, peak_audiences UInt32",
          clickHouse.queryString(
              connection,
              "SELECT arrayStringConcat(groupArray(concat(name, ' ', type)), ', ')"
                  + " FROM (SELECT name, type FROM system.columns WHERE database = '"
                  + DATABASE
                  + "' AND table = 'app_concurrency_minute' ORDER BY position)"));
    }
    assertEquals(8, minutes("acme").size(), "the same rows after the second run");
  }

  /** "hh:mm:ss users hosts audiences" per minute of the app, in time order. */
  private static List<String> minutes(String app) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = clickHouse.connect(DATABASE);
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT formatDateTime(minute, '%H:%i:%S'), peak_users, peak_hosts,"
                    + " peak_audiences FROM app_concurrency_minute WHERE app_id = '"
                    + app
                    + "' ORDER BY minute")) {
      while (result.next()) {
        rows.add(
            result.getString(1)
                + " "
                + result.getLong(2)
                + " "
                + result.getLong(3)
                + " "
                + result.getLong(4));
      }
    }
    return rows;
  }
}
