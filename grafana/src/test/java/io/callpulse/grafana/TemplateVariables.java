package io.callpulse.grafana;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Grafana's template variable interpolation ({@code templateSrv.replace}) as the ClickHouse plugin
 * calls it: {@code $var}, {@code [[var]]} and {@code ${var:format}}; All becomes every option's
 * value (or the custom all value, unformatted); without an explicit format the plugin's own
 * formatter applies: several values become {@code 'a','b'}, a single value goes in as it is.
 * Unknown names are left alone, as Grafana does ({@code $__timeFilter} is not a variable).
 */
final class TemplateVariables {

  /** Grafana's variableRegex. */
  private static final Pattern VARIABLE =
      Pattern.compile(
          "\\$(\\w+)|\\[\\[(\\w+?)(?::(\\w+))?\\]\\]|\\$\\{(\\w+)(?:\\.([^:^}]+))?(?::([^}]+))?}");

  private TemplateVariables() {}

  static String replace(String sql, Map<String, VariableValue> variables) {
    Matcher matcher = VARIABLE.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = firstNonNull(matcher.group(1), matcher.group(2), matcher.group(4));
      String format = firstNonNull(matcher.group(3), matcher.group(6));
      VariableValue value = variables.get(name);
      String replacement = value == null ? matcher.group() : interpolate(value, format);
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String interpolate(VariableValue value, String format) {
    if (value instanceof VariableValue.All all) {
      if (all.allValue() != null && !"text".equals(format) && !"percentencode".equals(format)) {
        return all.allValue();
      }
      return formatted(all.options(), true, format);
    }
    if (value instanceof VariableValue.Multi multi) {
      return formatted(multi.values(), true, format);
    }
    return formatted(List.of(((VariableValue.Single) value).value()), false, format);
  }

  private static String formatted(List<String> values, boolean array, String format) {
    if (format == null) {
      // the plugin's format(): arrays quoted and joined, single values untouched
      return array ? "'" + String.join("','", values) + "'" : values.get(0);
    }
    return switch (format) {
      case "sqlstring" ->
          values.stream()
              .map(v -> "'" + v.replace("'", "''") + "'")
              .collect(Collectors.joining(","));
      case "singlequote" ->
          values.stream()
              .map(v -> "'" + v.replace("'", "\\'") + "'")
              .collect(Collectors.joining(","));
      case "doublequote" ->
          values.stream()
              .map(v -> "\"" + v.replace("\"", "\\\"") + "\"")
              .collect(Collectors.joining(","));
      case "raw", "csv" -> String.join(",", values);
      default ->
          throw new IllegalArgumentException(
              "variable format :" + format + " is not emulated here; use sqlstring or raw in SQL");
    };
  }

  private static String firstNonNull(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null) {
        return candidate;
      }
    }
    return null;
  }
}
