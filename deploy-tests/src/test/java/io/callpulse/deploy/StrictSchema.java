package io.callpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Set;

/** JSON Schema validation (draft 7) of a JSON tree, messages sorted for readable failures. */
final class StrictSchema {
  private final JsonSchema schema;

  private StrictSchema(JsonSchema schema) {
    this.schema = schema;
  }

  /**
   * A draft-7 schema from a tree. The {@code $schema} keyword is replaced by draft 7's canonical id
   * so the validator never tries to fetch a meta-schema over the network.
   */
  static StrictSchema of(JsonNode schemaTree) {
    ObjectNode copy = schemaTree.deepCopy();
    copy.put("$schema", "http://json-schema.org/draft-07/schema#");
    // a relative $id (compose-spec's "compose_spec.json") is refused; local $refs do not need it
    copy.remove("$id");
    return new StrictSchema(
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(copy));
  }

  /**
   * Kubernetes rejects unknown fields of a CRD (strict field validation) unless the schema says
   * {@code x-kubernetes-preserve-unknown-fields}; JSON Schema allows them. This closes every object
   * that lists its properties and does not say otherwise, so a typo fails here as it would there.
   */
  static JsonNode closeObjects(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      if (object.has("properties")
          && !object.has("additionalProperties")
          && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        object.put("additionalProperties", false);
      }
      object.forEach(StrictSchema::closeObjects);
    } else if (node.isArray()) {
      node.forEach(StrictSchema::closeObjects);
    }
    return node;
  }

  /** Problems found, one per line, empty when the document is valid. */
  List<String> problems(JsonNode document) {
    Set<ValidationMessage> messages = schema.validate(document);
    return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
  }
}
