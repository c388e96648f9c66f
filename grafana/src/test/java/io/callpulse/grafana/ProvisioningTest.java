package io.callpulse.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.callpulse.sinks.MigratorSettings;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The provisioning YAML: parsed, consistent with the dashboards, compose file and schema. */
class ProvisioningTest {

  private static final Pattern ENV = Pattern.compile("\\$\\{(\\w+)}");

  @Test
  void theDatasourceIsTheClickHousePluginConfiguredFromTheEnvironment() {
    JsonNode file = Provisioning.datasources();
    assertEquals(1, file.path("apiVersion").asInt());
    JsonNode datasources = file.path("datasources");
    assertEquals(1, datasources.size());
    JsonNode ds = datasources.get(0);
    assertEquals("callpulse-clickhouse", ds.path("uid").asText());
    assertEquals(DashboardStructureTest.PLUGIN, ds.path("type").asText());
    JsonNode json = ds.path("jsonData");
    for (String key : List.of("host", "port", "protocol", "username")) {
      assertTrue(ENV.matcher(json.path(key).asText()).matches(), key + " must come from env");
    }
    assertTrue(ENV.matcher(ds.path("secureJsonData").path("password").asText()).matches());
    assertEquals(
        MigratorSettings.DEFAULT_DATABASE,
        json.path("defaultDatabase").asText(),
        "dashboards name tables without a database: the default must be the migrated one");
    assertTrue(json.path("secure").isBoolean(), "an unset variable would make secure unparsable");
  }

  @Test
  void dockerComposeSetsEveryVariableTheDatasourceReads() throws IOException {
    JsonNode compose =
        Provisioning.YAML.readTree(Repository.root().resolve("docker-compose.yml").toFile());
    JsonNode environment = compose.path("services").path("grafana").path("environment");
    Matcher variables =
        ENV.matcher(
            java.nio.file.Files.readString(
                Provisioning.folder().resolve("datasources/clickhouse.yaml")));
    int seen = 0;
    while (variables.find()) {
      seen++;
      assertTrue(
          environment.has(variables.group(1)),
          "docker-compose.yml's grafana service does not set " + variables.group(1));
    }
    assertEquals(5, seen);
  }

  @Test
  void theDashboardProviderReadsTheFolderComposeMountsTheDashboardsIn() throws IOException {
    JsonNode providers = Provisioning.dashboardProviders().path("providers");
    assertEquals(1, providers.size());
    JsonNode provider = providers.get(0);
    assertEquals("file", provider.path("type").asText());
    String path = provider.path("options").path("path").asText();
    JsonNode compose =
        Provisioning.YAML.readTree(Repository.root().resolve("docker-compose.yml").toFile());
    Set<String> mounts = new HashSet<>();
    compose.path("services").path("grafana").path("volumes").forEach(v -> mounts.add(v.asText()));
    assertTrue(
        mounts.contains("./grafana/dashboards:" + path + ":ro"),
        "compose must mount ./grafana/dashboards at " + path + ", mounts: " + mounts);
    assertTrue(
        mounts.contains("./grafana/provisioning:/etc/grafana/provisioning:ro"), mounts.toString());
  }

  @Test
  void alertRulesQueryTheProvisionedDatasourceAndEndInAThreshold() {
    String uid = Provisioning.clickHouseUid();
    Set<String> dashboards =
        Dashboard.all().stream().map(Dashboard::uid).collect(Collectors.toSet());
    List<AlertRule> rules = Provisioning.alertRules();
    assertEquals(
        Set.of(
            "callpulse-channel-concurrency-spike",
            "callpulse-app-concurrency-spike",
            "callpulse-abnormal-leaves",
            "callpulse-signature-failures",
            "callpulse-dead-letters",
            "callpulse-delivery-lag",
            "callpulse-pipeline-behind",
            "callpulse-app-silent"),
        rules.stream().map(AlertRule::uid).collect(Collectors.toSet()));
    assertEquals(rules.size(), rules.stream().map(AlertRule::uid).distinct().count());
    for (AlertRule rule : rules) {
      String where = rule.uid();
      assertFalse(rule.title().contains("$"), where + ": titles are env-interpolated");
      rule.json()
          .path("labels")
          .fields()
          .forEachRemaining(
              l -> assertFalse(l.getValue().asText().contains("$"), where + ": labels too"));
      assertEquals(1, rule.queries().size(), where);
      for (JsonNode query : rule.queries()) {
        assertEquals(uid, query.path("datasourceUid").asText(), where);
        JsonNode model = query.path("model");
        assertEquals(uid, model.path("datasource").path("uid").asText(), where);
        assertEquals(DashboardStructureTest.PLUGIN, model.path("datasource").path("type").asText());
        assertEquals("sql", model.path("editorType").asText(), where);
        assertEquals(1, model.path("format").asInt(), where + ": table format");
        assertEquals("table", model.path("queryType").asText(), where);
        assertTrue(query.path("relativeTimeRange").path("from").asLong() > 0, where);
        assertFalse(model.path("rawSql").asText().isBlank(), where);
        rule.expandedSql(query, Instant.parse("2025-03-11T20:00:00Z")); // throws on leftovers
      }
      JsonNode condition = rule.conditionNode();
      assertEquals(AlertRule.EXPRESSION_DATASOURCE, condition.path("datasourceUid").asText());
      assertEquals("threshold", condition.path("model").path("type").asText(), where);
      assertEquals(
          rule.queries().get(0).path("refId").asText(),
          condition.path("model").path("expression").asText(),
          where);
      assertTrue(
          Set.of("OK", "NoData", "Alerting", "KeepLast")
              .contains(rule.json().path("noDataState").asText()),
          where);
      assertTrue(
          dashboards.contains(rule.json().path("annotations").path("dashboardUid").asText()),
          where + ": annotation dashboardUid");
      assertFalse(rule.json().path("annotations").path("summary").asText().isBlank(), where);
    }
  }
}
