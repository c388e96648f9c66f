package io.callpulse.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Checks of our own on top of Grafana's schema: what the schema cannot know about CallPulse. */
class DashboardStructureTest {

  static final String PLUGIN = "grafana-clickhouse-datasource";
  private static final String LEAK = "__ALL_LEAKED_OUTSIDE_CONDITIONAL_ALL__";
  private static final Pattern DASHBOARD_URL = Pattern.compile("^/d/([\\w-]+)/[\\w-]*(\\?.*)?$");
  private static final Pattern URL_VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}");
  private static final Pattern VAR_PARAM = Pattern.compile("var-(\\w+)=");

  @Test
  void theFiveDashboardsExistWithUniqueUids() {
    List<Dashboard> dashboards = Dashboard.all();
    assertEquals(
        List.of("channel-detail", "channels", "pipeline-health", "usage-overview", "user-detail"),
        dashboards.stream().map(Dashboard::name).toList());
    Set<String> uids = new HashSet<>();
    for (Dashboard d : dashboards) {
      assertTrue(uids.add(d.uid()), "duplicate uid " + d.uid());
      assertTrue(d.uid().startsWith("callpulse-"), d.uid());
      assertTrue(d.json().path("schemaVersion").asInt() >= 39, d.name() + ": schemaVersion");
      assertFalse(d.json().path("title").asText().isBlank(), d.name() + ": title");
    }
  }

  @Test
  void panelIdsAreUniqueAndPanelsDoNotOverlap() {
    for (Dashboard d : Dashboard.all()) {
      Set<Integer> ids = new HashSet<>();
      List<int[]> boxes = new ArrayList<>();
      for (JsonNode panel : d.panels()) {
        assertTrue(ids.add(panel.path("id").asInt()), d.name() + ": duplicate panel id");
        JsonNode pos = panel.path("gridPos");
        int[] box = {
          pos.path("x").asInt(), pos.path("y").asInt(), pos.path("w").asInt(), pos.path("h").asInt()
        };
        assertTrue(box[0] + box[2] <= 24 && box[2] > 0 && box[3] > 0, d.name() + ": " + pos);
        for (int[] other : boxes) {
          boolean apart =
              box[0] + box[2] <= other[0]
                  || other[0] + other[2] <= box[0]
                  || box[1] + box[3] <= other[1]
                  || other[1] + other[3] <= box[1];
          assertTrue(apart, d.name() + ": panel " + panel.path("title") + " overlaps another");
        }
        boxes.add(box);
      }
    }
  }

  @Test
  void datasourceAndAppAreVariablesAndTheDatasourceDefaultsToTheProvisionedOne() {
    String provisioned = Provisioning.clickHouseUid();
    for (Dashboard d : Dashboard.all()) {
      JsonNode datasource = d.variable("datasource").orElseThrow();
      assertEquals("datasource", datasource.path("type").asText(), d.name());
      assertEquals(PLUGIN, datasource.path("query").asText(), d.name());
      assertEquals(provisioned, datasource.path("current").path("value").asText(), d.name());
      assertTrue(d.variable("app").isPresent(), d.name() + " has no app variable");
      for (JsonNode variable : d.variables()) {
        if (variable.path("type").asText().equals("query")) {
          assertDatasourceVariable(d.name() + " variable " + variable.path("name"), variable);
          assertFalse(variable.path("query").asText().isBlank());
        }
        assertFalse(variable.path("skipUrlSync").asBoolean(), "every filter belongs in the URL");
      }
    }
  }

  @Test
  void everyTargetIsRawClickHouseSqlThroughTheDatasourceVariable() {
    for (Dashboard d : Dashboard.all()) {
      for (JsonNode panel : d.panels()) {
        assertDatasourceVariable(d.name() + " / " + panel.path("title"), panel);
        assertFalse(panel.path("targets").isEmpty(), panel.path("title") + " has no query");
        Set<String> refIds = new HashSet<>();
        for (JsonNode target : panel.path("targets")) {
          String where = Dashboard.describe(d, panel, target);
          assertTrue(refIds.add(target.path("refId").asText()), where + ": duplicate refId");
          assertDatasourceVariable(where, target);
          assertEquals("sql", target.path("editorType").asText(), where);
          assertFalse(target.path("rawSql").asText().isBlank(), where + ": empty rawSql");
          assertTrue(target.path("pluginVersion").asText().startsWith("4."), where);
          boolean timeseries = panel.path("type").asText().equals("timeseries");
          assertEquals(timeseries ? 0 : 1, target.path("format").asInt(-1), where + ": format");
          assertEquals(
              timeseries ? "timeseries" : "table", target.path("queryType").asText(), where);
        }
      }
    }
  }

  @Test
  void sqlUsesOnlyDefinedVariablesAndSupportedMacrosAndAllNeverLeaks() {
    QueryContextFactory contexts = new QueryContextFactory();
    for (Dashboard d : Dashboard.all()) {
      Map<String, VariableValue> variables = new HashMap<>();
      for (JsonNode variable : d.variables()) {
        String name = variable.path("name").asText();
        variables.put(
            name,
            variable.path("includeAll").asBoolean()
                ? VariableValue.all(List.of(LEAK))
                : VariableValue.single("1"));
      }
      Set<String> unused = new HashSet<>(variables.keySet());
      unused.remove("datasource");
      for (JsonNode panel : d.panels()) {
        for (JsonNode target : panel.path("targets")) {
          String sql = target.path("rawSql").asText();
          unused.removeIf(name -> sql.contains("$" + name) || sql.contains("${" + name));
          String expanded =
              GrafanaQueryExpander.expand(sql, contexts.context(variables)); // throws on leftovers
          assertFalse(
              expanded.contains(LEAK),
              Dashboard.describe(d, panel, target)
                  + ": a multi-value variable is used outside $__conditionalAll, so All would"
                  + " expand to every option:\n"
                  + sql);
        }
      }
      for (JsonNode variable : d.variables()) {
        String sql = variable.path("query").asText();
        unused.removeIf(name -> sql.contains("$" + name) || sql.contains("${" + name));
      }
      assertEquals(Set.of(), unused, d.name() + ": variables no query uses");
    }
  }

  @Test
  void linksOpenExistingDashboardsWithTheirVariables() {
    Map<String, Dashboard> byUid =
        Dashboard.all().stream().collect(Collectors.toMap(Dashboard::uid, d -> d));
    int links = 0;
    for (Dashboard d : Dashboard.all()) {
      for (JsonNode panel : d.panels()) {
        for (String url : linkUrls(panel)) {
          links++;
          String where = d.name() + " / " + panel.path("title") + ": " + url;
          Matcher dashboardUrl = DASHBOARD_URL.matcher(url);
          assertTrue(dashboardUrl.matches(), where);
          Dashboard target = byUid.get(dashboardUrl.group(1));
          assertTrue(target != null, where + ": no dashboard with that uid");
          Matcher param = VAR_PARAM.matcher(url);
          while (param.find()) {
            assertTrue(target.variable(param.group(1)).isPresent(), where + ": " + param.group());
          }
          Matcher variable = URL_VARIABLE.matcher(url);
          while (variable.find()) {
            String name = variable.group(1);
            if (name.startsWith("__")) {
              continue;
            }
            assertTrue(d.variable(name).isPresent(), where + ": ${" + name + "} is not defined");
            if ("queryparam".equals(variable.group(2))) {
              assertTrue(target.variable(name).isPresent(), where + ": target lacks " + name);
            }
          }
        }
      }
    }
    assertTrue(links >= 8, "drill-down links expected, found " + links);
  }

  /** Data links of a panel: defaults and overrides. */
  static List<String> linkUrls(JsonNode panel) {
    List<String> urls = new ArrayList<>();
    panel.path("fieldConfig").path("defaults").path("links").forEach(l -> urls.add(url(l)));
    for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
      for (JsonNode property : override.path("properties")) {
        if (property.path("id").asText().equals("links")) {
          property.path("value").forEach(l -> urls.add(url(l)));
        }
      }
    }
    return urls;
  }

  private static String url(JsonNode link) {
    return link.path("url").asText();
  }

  private static void assertDatasourceVariable(String where, JsonNode node) {
    assertEquals(PLUGIN, node.path("datasource").path("type").asText(), where);
    assertEquals("${datasource}", node.path("datasource").path("uid").asText(), where);
  }

  /** Any time range will do for structural expansion. */
  static final class QueryContextFactory {
    QueryContext context(Map<String, VariableValue> variables) {
      return new QueryContext(
          Instant.parse("2025-03-10T00:00:00Z"),
          Instant.parse("2025-03-11T00:00:00Z"),
          Duration.ofMinutes(5),
          variables);
    }
  }
}
