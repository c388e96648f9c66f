package io.callpulse.grafana;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ClickHouse plugin's {@code $__conditionalAll(condition, $variable)}, applied in the browser
 * before any template variable: the condition, or {@code 1=1} when the variable holds All or an
 * empty value. A port of {@code applyConditionalAll} and {@code getMacroArgs} of
 * grafana-clickhouse-datasource's CHDatasource.ts, quirks included: arguments are split on commas
 * outside nested brackets without regard to quotes, the last macro is expanded first, and the
 * replacement uses JavaScript's {@code String.replace} (first occurrence, {@code $}-patterns).
 */
final class ConditionalAll {

  private static final String MACRO = "$__conditionalAll(";
  private static final Pattern VARIABLE =
      Pattern.compile("(?<=\\$\\{)[\\w\\d]+(?=\\})|(?<=\\$)[\\w\\d]+");
  private static final Pattern ARGUMENT_DELIMITERS = Pattern.compile("\\(|\\)|,");

  private ConditionalAll() {}

  static String apply(String rawQuery, Map<String, VariableValue> variables) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return rawQuery;
    }
    int macroIndex = rawQuery.lastIndexOf(MACRO);
    while (macroIndex != -1) {
      List<String> params = macroArgs(rawQuery, macroIndex + MACRO.length() - 1);
      if (params.size() != 2) {
        return rawQuery;
      }
      Matcher variable = VARIABLE.matcher(params.get(1).trim());
      String phrase = params.get(0);
      if (variable.find()) {
        VariableValue value = variables.get(variable.group());
        String current = value == null ? null : value.currentValueString();
        if ("".equals(current) || GrafanaQueryExpander.ALL.equals(current)) {
          phrase = "1=1";
        }
      }
      rawQuery =
          JavaScriptStrings.replaceFirst(
              rawQuery, MACRO + params.get(0) + "," + params.get(1) + ")", phrase);
      macroIndex = rawQuery.lastIndexOf(MACRO);
    }
    return rawQuery;
  }

  /** The arguments of the bracket at {@code argsIndex}, or none when it never closes. */
  private static List<String> macroArgs(String query, int argsIndex) {
    List<String> args = new ArrayList<>();
    String argsSubstr = query.substring(argsIndex);
    Matcher delimiters = ARGUMENT_DELIMITERS.matcher(argsSubstr);
    int bracketCount = 0;
    int lastArgEndIndex = 1;
    while (delimiters.find()) {
      String found = delimiters.group();
      if (found.equals("(")) {
        bracketCount++;
      } else if (found.equals(")")) {
        bracketCount--;
      }
      if (found.equals(",") && bracketCount == 1) {
        args.add(argsSubstr.substring(lastArgEndIndex, delimiters.end() - 1));
        lastArgEndIndex = delimiters.end();
      }
      if (bracketCount == 0) {
        args.add(argsSubstr.substring(lastArgEndIndex, delimiters.end() - 1));
        return args;
      }
    }
    return List.of();
  }
}
