package io.callpulse.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** One dashboard file of grafana/dashboards, with the parts the tests look at. */
record Dashboard(Path file, JsonNode json) {

  static final ObjectMapper JSON = new ObjectMapper();

  static List<Dashboard> all() {
    Path folder = Repository.grafana().resolve("dashboards");
    try (Stream<Path> files = Files.list(folder)) {
      List<Dashboard> dashboards = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        dashboards.add(new Dashboard(file, JSON.readTree(file.toFile())));
      }
      return dashboards;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + folder, e);
    }
  }

  static Dashboard named(String fileStem) {
    return all().stream()
        .filter(d -> d.name().equals(fileStem))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no dashboard " + fileStem + ".json"));
  }

  String name() {
    return file.getFileName().toString().replaceFirst("\\.json$", "");
  }

  String uid() {
    return json.path("uid").asText();
  }

  /** Every panel, the ones inside rows included. */
  List<JsonNode> panels() {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : json.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  JsonNode panel(String title) {
    return panels().stream()
        .filter(p -> p.path("title").asText().equals(title))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(name() + " has no panel " + title));
  }

  List<JsonNode> variables() {
    List<JsonNode> variables = new ArrayList<>();
    json.path("templating").path("list").forEach(variables::add);
    return variables;
  }

  Optional<JsonNode> variable(String name) {
    return variables().stream().filter(v -> v.path("name").asText().equals(name)).findFirst();
  }

  /** "usage-overview.json / Minutes / A" */
  static String describe(Dashboard dashboard, JsonNode panel, JsonNode target) {
    return dashboard.file.getFileName()
        + " / "
        + panel.path("title").asText()
        + " / "
        + target.path("refId").asText();
  }
}
