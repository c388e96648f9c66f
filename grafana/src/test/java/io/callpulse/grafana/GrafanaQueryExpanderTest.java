package io.callpulse.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expansions of platform.md, character for character. */
class GrafanaQueryExpanderTest {

  private static final Instant FROM = Instant.parse("2025-03-10T00:00:00Z"); // 1741564800
  private static final Instant TO = Instant.parse("2025-03-11T00:00:00Z"); // 1741651200

  private static String expand(String sql, Map<String, VariableValue> variables) {
    return GrafanaQueryExpander.expand(
        sql, new QueryContext(FROM, TO, Duration.ofSeconds(300), variables));
  }

  @Test
  void timeMacros() {
    assertEquals(
        "ts >= toDateTime(1741564800) AND ts <= toDateTime(1741651200)",
        expand("$__timeFilter(ts)", Map.of()));
    assertEquals(
        "toDateTime(1741564800) < toDateTime(1741651200)",
        expand("$__fromTime < $__toTime", Map.of()));
    assertEquals(
        "toStartOfInterval(toDateTime(minute), INTERVAL 300 second) AS t, x / 300",
        expand("$__timeInterval( minute ) AS t, x / $__interval_s", Map.of()));
  }

  @Test
  void aSubSecondIntervalCountsAsOneSecond() {
    String sql =
        GrafanaQueryExpander.expand(
            "$__interval_s", new QueryContext(FROM, TO, Duration.ofMillis(20), Map.of()));
    assertEquals("1", sql);
  }

  @Test
  void conditionalAllDropsTheConditionForAllAndForEmptyValues() {
    String sql = "WHERE $__conditionalAll(platform IN (${platform:sqlstring}), $platform) AND x";
    assertEquals("WHERE 1=1 AND x", expand(sql, Map.of("platform", VariableValue.all(List.of()))));
    assertEquals("WHERE 1=1 AND x", expand(sql, Map.of("platform", VariableValue.single(""))));
    assertEquals(
        "WHERE platform IN ('1','7') AND x",
        expand(sql, Map.of("platform", VariableValue.multi("1", "7"))));
  }

  @Test
  void conditionalAllKeepsTheConditionOfAnUnknownVariable() {
    assertEquals("a = 1", expand("$__conditionalAll(a = 1, $nobody)", Map.of()));
  }

  @Test
  void conditionalAllHandlesNestedBracketsAndSeveralMacros() {
    String sql =
        "$__conditionalAll((x > 0 AND 'h' IN (${r:sqlstring})) OR (y > 0), ${r})"
            + " AND $__conditionalAll(p IN (${p:sqlstring}), $p)";
    assertEquals(
        "(x > 0 AND 'h' IN ('host')) OR (y > 0) AND 1=1",
        expand(
            sql,
            Map.of("r", VariableValue.multi("host"), "p", VariableValue.all(List.of("1", "2")))));
  }

  @Test
  void templateVariablesFollowGrafanaAndThePluginFormat() {
    Map<String, VariableValue> variables =
        Map.of(
            "app", VariableValue.single("o'brien"),
            "many", VariableValue.multi("a", "b"),
            "every", VariableValue.all(List.of("x", "y")),
            "custom", new VariableValue.All(List.of("x"), ".*"));
    assertEquals(
        "'o''brien' o'brien 'a','b' 'a','b' 'x','y' .* a,b",
        expand(
            "${app:sqlstring} $app $many ${many:sqlstring} [[every]] ${custom:sqlstring} ${many:raw}",
            variables));
  }

  @Test
  void leftoversAreErrors() {
    assertThrows(IllegalArgumentException.class, () -> expand("SELECT $unknown_var", Map.of()));
    assertThrows(IllegalArgumentException.class, () -> expand("$__timeFilter_ms(ts)", Map.of()));
    assertThrows(IllegalArgumentException.class, () -> expand("$__timeFilter(a, b)", Map.of()));
    assertThrows(IllegalArgumentException.class, () -> expand("$__timeFilter(ts", Map.of()));
  }

  @Test
  void javaScriptReplacementPatterns() {
    assertEquals("x$y", JavaScriptStrings.replaceFirst("xAy", "A", "$$"));
    assertEquals("x[A]y A", JavaScriptStrings.replaceFirst("xAy A", "A", "[$&]"));
  }
}
