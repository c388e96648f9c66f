package io.callpulse.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server of its own: stopping the run's shared server would disturb other classes. */
class ClickHouseRestartIT {

  @Test
  void dataAndPortsSurviveAStopAndStart() throws Exception {
    try (ClickHouseServer clickHouse =
        ClickHouseServer.startIn(TestRunDirectory.path().resolve("clickhouse-restart"))) {
      ClickHouseDatabase db = clickHouse.createDatabase("outage");
      db.execute("CREATE TABLE t (id UInt64) ENGINE = MergeTree ORDER BY id");
      db.execute("INSERT INTO t VALUES (1), (2), (3)");
      int httpPort = clickHouse.httpPort();
      String jdbcUrl = db.jdbcUrl();

      clickHouse.stop();
      assertFalse(clickHouse.isRunning());
      assertFalse(FreePorts.accepts(httpPort));
      clickHouse.start();

      assertEquals(httpPort, clickHouse.httpPort());
      assertEquals(jdbcUrl, db.jdbcUrl());
      try (Connection connection = db.openConnection();
          Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT count(), sum(id) FROM t")) {
        assertTrue(rs.next());
        assertEquals(3, rs.getLong(1));
        assertEquals(6, rs.getLong(2));
      }
    }
  }

  @Test
  void aKilledServerRecoversItsAcknowledgedData() {
    try (ClickHouseServer clickHouse =
        ClickHouseServer.startIn(TestRunDirectory.path().resolve("clickhouse-crash"))) {
      ClickHouseDatabase db = clickHouse.createDatabase("crash");
      db.execute("CREATE TABLE t (id UInt64) ENGINE = MergeTree ORDER BY id");
      db.execute("INSERT INTO t VALUES (1), (2)");

      clickHouse.kill();
      clickHouse.start();

      assertEquals(List.of(List.of("2")), db.query("SELECT count() FROM t"));
    }
  }
}
