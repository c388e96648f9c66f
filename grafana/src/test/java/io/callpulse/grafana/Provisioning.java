package io.callpulse.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The provisioning files of grafana/provisioning, parsed. */
final class Provisioning {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Provisioning() {}

  static Path folder() {
    return Repository.grafana().resolve("provisioning");
  }

  static JsonNode read(String relativePath) {
    Path file = folder().resolve(relativePath);
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  static JsonNode datasources() {
    return read("datasources/clickhouse.yaml");
  }

  static JsonNode dashboardProviders() {
    return read("dashboards/callpulse.yaml");
  }

  static JsonNode alerting() {
    return read("alerting/callpulse-alerts.yaml");
  }

  /** The uid of the one ClickHouse datasource every dashboard and rule must use. */
  static String clickHouseUid() {
    for (JsonNode datasource : datasources().path("datasources")) {
      if (datasource.path("type").asText().equals("grafana-clickhouse-datasource")) {
        return datasource.path("uid").asText();
      }
    }
    throw new IllegalStateException("no grafana-clickhouse-datasource is provisioned");
  }

  static List<AlertRule> alertRules() {
    List<AlertRule> rules = new ArrayList<>();
    for (JsonNode group : alerting().path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        rules.add(new AlertRule(group.path("name").asText(), rule));
      }
    }
    return rules;
  }
}
