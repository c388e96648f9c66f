package io.callpulse.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A section of the YAML tree that knows its own path, so every refusal names the key to fix.
 * Scalars may be text: environment overrides always are.
 */
final class ConfigNode {
  private final JsonNode node;
  private final String path;

  ConfigNode(JsonNode node, String path) {
    this.node = node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : node;
    this.path = path;
    if (!this.node.isObject()) {
      throw new ConfigException(where() + " must be a mapping");
    }
  }

  String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private String where() {
    return path.isEmpty() ? "the configuration" : path;
  }

  boolean has(String key) {
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  ConfigNode child(String key) {
    return new ConfigNode(node.get(key), path(key));
  }

  void allowOnly(Collection<String> keys) {
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!keys.contains(name)) {
                throw new ConfigException(
                    "unknown key "
                        + path(name)
                        + " (allowed here: "
                        + String.join(", ", keys)
                        + ")");
              }
            });
  }

  Map<String, JsonNode> entries() {
    Map<String, JsonNode> entries = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue()));
    return entries;
  }

  String string(String key, String defaultValue) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      if (defaultValue == null) {
        throw new ConfigException(path(key) + " is required");
      }
      return defaultValue;
    }
    if (!value.isValueNode()) {
      throw new ConfigException(path(key) + " must be a single value");
    }
    String text = value.asText().trim();
    if (text.isEmpty()) {
      throw new ConfigException(path(key) + " must not be empty");
    }
    return text;
  }

  String optionalString(String key) {
    return has(key) ? string(key, null) : null;
  }

  long longValue(String key, long defaultValue, long min, long max) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return defaultValue;
    }
    long number;
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      number = value.longValue();
    } else if (value.isTextual()) {
      try {
        number = Long.parseLong(value.textValue().trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(
            path(key) + " must be an integer (was '" + value.textValue() + "')");
      }
    } else {
      throw new ConfigException(path(key) + " must be an integer (was " + value + ")");
    }
    if (number < min || number > max) {
      throw new ConfigException(
          path(key) + " must be between " + min + " and " + max + " (was " + number + ")");
    }
    return number;
  }

  int intValue(String key, int defaultValue, int min, int max) {
    return (int) longValue(key, defaultValue, min, max);
  }

  boolean bool(String key, boolean defaultValue) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return defaultValue;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    String text = value.asText().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new ConfigException(path(key) + " must be true or false (was '" + text + "')");
  }

  /** A list of non-empty strings; a single scalar counts as a list of one. */
  List<String> strings(String key, boolean required) {
    return strings(node.get(key), path(key), required);
  }

  static List<String> strings(JsonNode value, String path, boolean required) {
    List<String> result = new ArrayList<>();
    if (value == null || value.isNull()) {
      // nothing
    } else if (value.isArray()) {
      for (JsonNode item : value) {
        if (!item.isValueNode() || item.isNull() || item.asText().isEmpty()) {
          throw new ConfigException(path + " must be a list of non-empty strings");
        }
        result.add(item.asText());
      }
    } else if (value.isValueNode() && !value.asText().isEmpty()) {
      result.add(value.asText());
    } else {
      throw new ConfigException(path + " must be a list of non-empty strings");
    }
    if (required && result.isEmpty()) {
      throw new ConfigException(path + " must list at least one value");
    }
    return List.copyOf(result);
  }
}
