package io.callpulse.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.callpulse.testsupport.ClickHouseDatabase;
import io.callpulse.testsupport.RealClickHouse;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every provisioned alert rule evaluated as Grafana would: its query expanded for the evaluation
 * time and run against a real ClickHouse, each row one alert instance (string columns are its
 * labels, the one numeric column its value), the threshold applied. Fixtures make each rule fire
 * for exactly one app on 2025-03-11 at 20:00 and none on the quiet evening before.
 */
@RealClickHouse
class AlertRulesIT {

  private static final Instant ALERT_TIME = Instant.parse("2025-03-11T20:00:00Z");
  private static final Instant QUIET_TIME = Instant.parse("2025-03-10T23:59:00Z");
  private static final Set<String> NUMERIC =
      Set.of(
          "UInt8", "UInt16", "UInt32", "UInt64", "Int8", "Int16", "Int32", "Int64", "Float32",
          "Float64");

  private static ClickHouseDatabase db;

  @BeforeAll
  static void knownRows(ClickHouseDatabase database) throws Exception {
    db = database;
    KnownData.load(db, KnownData.DASHBOARD_DAY, KnownData.ALERT_DAY);
  }

  @Test
  void eachRuleFiresForTheAppWithTheIncident() {
    Map<String, Set<String>> expected = new TreeMap<>();
    expected.put("callpulse-channel-concurrency-spike", Set.of("acme/stage"));
    expected.put("callpulse-app-concurrency-spike", Set.of("acme"));
    expected.put("callpulse-abnormal-leaves", Set.of("acme"));
    expected.put("callpulse-signature-failures", Set.of("acme"));
    expected.put("callpulse-dead-letters", Set.of("acme"));
    expected.put("callpulse-delivery-lag", Set.of("acme"));
    expected.put("callpulse-pipeline-behind", Set.of("initech"));
    expected.put("callpulse-app-silent", Set.of("globex"));
    Map<String, Set<String>> firing = new TreeMap<>();
    for (AlertRule rule : Provisioning.alertRules()) {
      List<Instance> instances = evaluate(rule, ALERT_TIME);
      assertFalse(instances.isEmpty(), rule.uid() + " returned no rows at " + ALERT_TIME);
      Set<String> fired = new TreeSet<>();
      instances.stream().filter(i -> rule.fires(i.value())).forEach(i -> fired.add(i.labels()));
      firing.put(rule.uid(), fired);
    }
    assertEquals(expected, firing);
  }

  @Test
  void nothingFiresOnAQuietEvening() {
    for (AlertRule rule : Provisioning.alertRules()) {
      List<String> fired = new ArrayList<>();
      evaluate(rule, QUIET_TIME).stream()
          .filter(i -> rule.fires(i.value()))
          .forEach(i -> fired.add(i.labels() + "=" + i.value()));
      assertEquals(List.of(), fired, rule.uid());
    }
  }

  private static List<Instance> evaluate(AlertRule rule, Instant now) {
    JsonNode query = rule.queries().get(0);
    String sql = rule.expandedSql(query, now);
    Map<String, String> columns;
    List<Map<String, String>> rows;
    try {
      columns = KnownData.columns(db, sql);
      rows = KnownData.rows(db, sql);
    } catch (RuntimeException e) {
      throw new AssertionError(rule.uid() + " failed:\n" + sql, e);
    }
    List<String> numeric =
        columns.entrySet().stream()
            .filter(c -> NUMERIC.contains(c.getValue().replaceAll("^Nullable\\((.*)\\)$", "$1")))
            .map(Map.Entry::getKey)
            .toList();
    assertEquals(1, numeric.size(), rule.uid() + ": one value column per instance: " + columns);
    List<Instance> instances = new ArrayList<>();
    for (Map<String, String> row : rows) {
      List<String> labels = new ArrayList<>();
      row.forEach(
          (name, value) -> {
            if (!numeric.contains(name)) {
              labels.add(value);
            }
          });
      instances.add(
          new Instance(String.join("/", labels), new BigDecimal(row.get(numeric.get(0)))));
    }
    return instances;
  }

  private record Instance(String labels, BigDecimal value) {}
}
