package io.callpulse.gateway.hooks;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.callpulse.gateway.Outcome;
import java.util.List;

/** The body must be a JSON object in which every pointer names a non-null value: 400 otherwise. */
final class JsonFieldsValidator implements HookValidator {
  private final List<String> pointers;

  JsonFieldsValidator(List<String> pointers) {
    this.pointers = pointers;
  }

  @Override
  public Refusal check(HookRequest request) {
    JsonNode json = request.json();
    if (json == null || !json.isObject()) {
      return new Refusal(Outcome.INVALID_FIELD, "body", "must be a JSON object");
    }
    for (String pointer : pointers) {
      JsonNode value = json.at(JsonPointer.compile(pointer));
      if (value.isMissingNode() || value.isNull()) {
        return new Refusal(Outcome.INVALID_FIELD, pointer, "is required");
      }
    }
    return null;
  }

  @Override
  public String type() {
    return "json-fields";
  }
}
