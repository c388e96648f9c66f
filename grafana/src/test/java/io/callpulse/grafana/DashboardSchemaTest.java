package io.callpulse.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every dashboard against the JSON schema generated from Grafana's own dashboard types. */
class DashboardSchemaTest {

  private static JsonSchema schema;

  @BeforeAll
  static void generateSchema() throws Exception {
    Path file;
    try {
      file = GrafanaDashboardSchema.file();
    } catch (GrafanaDashboardSchema.Unavailable e) {
      Assumptions.abort(
          "SKIPPED: cannot generate Grafana's dashboard schema from npm ("
              + GrafanaDashboardSchema.SCHEMA_PACKAGE
              + " + "
              + GrafanaDashboardSchema.GENERATOR_PACKAGE
              + "): "
              + e.getMessage());
      return;
    }
    schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(Dashboard.JSON.readTree(file.toFile()));
  }

  @Test
  void everyDashboardMatchesGrafanasDashboardSchema() {
    for (Dashboard dashboard : Dashboard.all()) {
      Set<ValidationMessage> errors = schema.validate(dashboard.json());
      assertEquals(Set.of(), errors, dashboard.file() + " does not match Grafana's schema");
    }
  }

  @Test
  void theSchemaRejectsWhatGrafanaWouldNotLoad() {
    ObjectNode broken = Dashboard.named("channels").json().deepCopy();
    broken.put("refreshRate", "1m");
    ((ObjectNode) broken.path("panels").path(0)).put("gridPos", "top left");
    Set<ValidationMessage> errors = schema.validate(broken);
    assertFalse(errors.isEmpty(), "unknown property and wrong type must be reported");
  }

  @Test
  void theSchemaIsTheDashboardType() {
    JsonNode root = Dashboard.JSON.valueToTree(schema.getSchemaNode());
    assertEquals("#/definitions/Dashboard", root.path("$ref").asText());
  }
}
