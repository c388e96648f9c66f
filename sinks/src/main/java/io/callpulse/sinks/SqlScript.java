package io.callpulse.sinks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a migration file into statements: fills {@code ${placeholders}} and splits at semicolons
 * outside quotes and comments (ClickHouse runs one statement per request).
 */
final class SqlScript {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

  private SqlScript() {}

  /** Replaces every {@code ${key}}; a placeholder without a value is an error, never left as is. */
  static String fill(String script, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(script);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new MigrationException(
            "placeholder ${" + matcher.group(1) + "} has no value; known: " + values.keySet());
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** The statements of a script, comments removed, without their trailing semicolons. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    while (i < script.length()) {
      char c = script.charAt(i);
      if (c == '-' && script.startsWith("--", i)) {
        int end = script.indexOf('\n', i);
        i = end < 0 ? script.length() : end;
      } else if (c == '/' && script.startsWith("/*", i)) {
        int end = script.indexOf("*/", i + 2);
        i = end < 0 ? script.length() : end + 2;
        current.append(' ');
      } else if (c == '\'' || c == '"' || c == '`') {
        int end = closingQuote(script, i);
        current.append(script, i, end + 1);
        i = end + 1;
      } else if (c == ';') {
        addIfNotBlank(statements, current);
        current.setLength(0);
        i++;
      } else {
        current.append(c);
        i++;
      }
    }
    addIfNotBlank(statements, current);
    return statements;
  }

  private static int closingQuote(String script, int open) {
    char quote = script.charAt(open);
    for (int i = open + 1; i < script.length(); i++) {
      char c = script.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    throw new MigrationException("unterminated " + quote + " quote in migration script");
  }

  private static void addIfNotBlank(List<String> statements, StringBuilder statement) {
    String text = statement.toString().strip();
    if (!text.isEmpty()) {
      statements.add(text);
    }
  }
}
