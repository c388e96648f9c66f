package io.callpulse.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import io.callpulse.testsupport.ClickHouseDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dashboard opened at one time range with chosen variable values, its queries run against a test
 * database the way Grafana would run them. Variables not chosen take what Grafana would give them:
 * the datasource its default, a variable with All its options (a query variable's options come from
 * running its query, in dashboard order, as Grafana does).
 */
final class DashboardRun {

  static final Instant DAY = Instant.parse("2025-03-10T00:00:00Z");
  static final Duration INTERVAL = Duration.ofMinutes(5);

  private final ClickHouseDatabase db;
  private final Dashboard dashboard;
  private final QueryContext context;

  private DashboardRun(ClickHouseDatabase db, Dashboard dashboard, QueryContext context) {
    this.db = db;
    this.dashboard = dashboard;
    this.context = context;
  }

  /** The dashboard over the whole of 2025-03-10. */
  static DashboardRun open(
      ClickHouseDatabase db, String dashboardName, Map<String, VariableValue> chosen) {
    return open(db, Dashboard.named(dashboardName), chosen, DAY, DAY.plus(Duration.ofDays(1)));
  }

  static DashboardRun open(
      ClickHouseDatabase db,
      Dashboard dashboard,
      Map<String, VariableValue> chosen,
      Instant from,
      Instant to) {
    return open(db, dashboard, chosen, from, to, INTERVAL);
  }

  /** As Grafana would with this interval (a short time range gives a short one). */
  static DashboardRun open(
      ClickHouseDatabase db,
      Dashboard dashboard,
      Map<String, VariableValue> chosen,
      Instant from,
      Instant to,
      Duration interval) {
    Map<String, VariableValue> values = new LinkedHashMap<>();
    for (JsonNode variable : dashboard.variables()) {
      String name = variable.path("name").asText();
      VariableValue value = chosen.get(name);
      if (value == null) {
        value = defaultValue(db, variable, new QueryContext(from, to, interval, values));
      }
      values.put(name, value);
    }
    return new DashboardRun(db, dashboard, new QueryContext(from, to, interval, values));
  }

  private static VariableValue defaultValue(
      ClickHouseDatabase db, JsonNode variable, QueryContext soFar) {
    String type = variable.path("type").asText();
    if (type.equals("datasource")) {
      return VariableValue.single(variable.path("current").path("value").asText());
    }
    if (!variable.path("includeAll").asBoolean()) {
      throw new IllegalArgumentException("choose a value for $" + variable.path("name").asText());
    }
    List<String> options = new ArrayList<>();
    if (type.equals("query")) {
      options.addAll(optionsOf(db, variable, soFar));
    } else {
      for (JsonNode option : variable.path("options")) {
        if (!option.path("value").asText().equals(GrafanaQueryExpander.ALL)) {
          options.add(option.path("value").asText());
        }
      }
    }
    return VariableValue.all(options);
  }

  /** A query variable's values: the first column of its query (the second is the label). */
  static List<String> optionsOf(ClickHouseDatabase db, JsonNode variable, QueryContext context) {
    String sql = GrafanaQueryExpander.expand(variable.path("query").asText(), context);
    return KnownData.rows(db, sql).stream().map(r -> r.values().iterator().next()).toList();
  }

  Dashboard dashboard() {
    return dashboard;
  }

  QueryContext context() {
    return context;
  }

  String sql(JsonNode target) {
    return GrafanaQueryExpander.expand(target.path("rawSql").asText(), context);
  }

  /** The rows of the (first) query of the panel with this title. */
  List<Map<String, String>> rows(String panelTitle) {
    return KnownData.rows(db, sql(dashboard.panel(panelTitle).path("targets").get(0)));
  }

  /** The one row of a single-row panel (stats). */
  Map<String, String> row(String panelTitle) {
    List<Map<String, String>> rows = rows(panelTitle);
    if (rows.size() != 1) {
      throw new AssertionError(panelTitle + ": expected one row, got " + rows);
    }
    return rows.get(0);
  }
}
