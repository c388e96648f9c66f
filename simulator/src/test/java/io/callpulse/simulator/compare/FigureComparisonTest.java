package io.callpulse.simulator.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.simulator.Scenario;
import io.callpulse.simulator.compare.FigureComparison.Row;
import io.callpulse.simulator.compare.FigureComparison.Verdict;
import io.callpulse.simulator.delivery.FaultOptions;
import io.callpulse.simulator.oracle.AppExpectation;
import io.callpulse.simulator.oracle.ChannelExpectation;
import io.callpulse.simulator.oracle.ChannelFigures;
import io.callpulse.simulator.oracle.EpochExpectation;
import io.callpulse.simulator.oracle.ExpectedReport;
import io.callpulse.simulator.timeline.TenantShape;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FigureComparisonTest {
  private static final ExpectedReport EXPECTED =
      Scenario.build(
              new TenantShape(
                  4, 2, 3, Instant.parse("2024-05-01T23:00:00Z").getEpochSecond(), 7200),
              FaultOptions.defaults())
          .expected();

  /** What a perfect pipeline would report. */
  private static Actual perfect() {
    SortedMap<ChannelKey, Map<String, Long>> channels = new TreeMap<>();
    SortedMap<ChannelKey, SortedMap<Long, Map<String, Long>>> epochs = new TreeMap<>();
    SortedMap<ChannelKey, SortedMap<Long, Long>> users = new TreeMap<>();
    SortedMap<String, SortedMap<java.time.LocalDate, Long>> daily = new TreeMap<>();
    for (AppExpectation app : EXPECTED.apps()) {
      daily.put(app.appId(), new TreeMap<>(app.dailySeconds()));
      for (ChannelExpectation channel : app.channels()) {
        ChannelKey key = new ChannelKey(app.appId(), channel.channelName());
        channels.put(key, new HashMap<>(channel.figures().asMap()));
        SortedMap<Long, Map<String, Long>> byCreate = new TreeMap<>();
        for (EpochExpectation epoch : channel.epochs()) {
          byCreate.put(epoch.createTs(), epoch.figures().asMap());
        }
        epochs.put(key, byCreate);
        users.put(key, new TreeMap<>(channel.userSeconds()));
      }
    }
    return new Actual(channels, epochs, users, daily);
  }

  @Test
  void aPerfectPipelineMatchesEverything() {
    List<Row> rows = FigureComparison.compare(EXPECTED, perfect());
    assertTrue(FigureComparison.allMatch(rows));
    assertTrue(rows.stream().anyMatch(r -> r.scope() == FigureComparison.Scope.DAY));
    assertTrue(rows.stream().anyMatch(r -> r.scope() == FigureComparison.Scope.USER));
  }

  @Test
  void aWrongFigureIsAMismatch() {
    Actual actual = perfect();
    Map<String, Long> figures = actual.channels().values().iterator().next();
    figures.put(ChannelFigures.TOTAL_SECONDS, figures.get(ChannelFigures.TOTAL_SECONDS) + 1);

    List<Row> rows = FigureComparison.compare(EXPECTED, actual);

    assertFalse(FigureComparison.allMatch(rows));
    assertEquals(1, rows.stream().filter(r -> r.verdict() == Verdict.MISMATCH).count());
  }

  @Test
  void aHealthCheckChannelInTheResultsIsAMismatch() {
    Actual actual = perfect();
    String app = EXPECTED.apps().get(0).appId();
    actual.channels().put(new ChannelKey(app, "test_webhook"), Map.of("total_seconds", 0L));

    assertFalse(FigureComparison.allMatch(FigureComparison.compare(EXPECTED, actual)));
  }

  @Test
  void missingResultsAreMismatches() {
    Actual empty = new Actual(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    assertFalse(FigureComparison.allMatch(FigureComparison.compare(EXPECTED, empty)));
  }

  @Test
  void sqlTemplatesGetTheDatabaseAndQuotedApps() {
    String sql = ActualFigures.sql(ActualFigures.CHANNEL_SUMS_SQL, "callpulse", "'a','b'");
    assertTrue(sql.contains("FROM callpulse.channel_epochs FINAL"));
    assertTrue(sql.contains("app_id IN ('a','b')"));
  }
}
