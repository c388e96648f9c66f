package io.callpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The documents of a multi-document YAML stream (helm template's output), empty ones dropped. */
final class Manifests {
  static final YAMLMapper YAML = new YAMLMapper();

  private Manifests() {}

  static List<JsonNode> parse(String yaml) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode node = it.next();
        if (node != null && !node.isNull() && !node.isMissingNode() && !node.isEmpty()) {
          documents.add(node);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("rendered output is not valid YAML", e);
    }
    return documents;
  }

  static String kind(JsonNode manifest) {
    return manifest.path("kind").asText();
  }

  static String describe(JsonNode manifest) {
    return manifest.path("apiVersion").asText()
        + " "
        + kind(manifest)
        + " "
        + manifest.path("metadata").path("name").asText();
  }

  static List<JsonNode> ofKind(List<JsonNode> manifests, String kind) {
    return manifests.stream().filter(m -> kind(m).equals(kind)).toList();
  }

  static Optional<JsonNode> single(List<JsonNode> manifests, String kind) {
    List<JsonNode> found = ofKind(manifests, kind);
    if (found.size() > 1) {
      throw new AssertionError("expected at most one " + kind + ", found " + found.size());
    }
    return found.stream().findFirst();
  }
}
