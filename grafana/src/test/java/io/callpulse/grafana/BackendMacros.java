package io.callpulse.grafana;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The macros the ClickHouse plugin's backend expands after the browser sent the query (its
 * pkg/macros with sqlds' Interpolate): names matched as {@code $__name\b}, arguments only when a
 * bracket follows at once, split on commas outside nested brackets and trimmed, longer names first,
 * every occurrence replaced. Only the macros platform.md lists are emulated; the others the plugin
 * knows ({@code $__timeFilter_ms}, {@code $__dateFilter}, ...) are refused, so dashboards stay
 * within what is tested.
 */
final class BackendMacros {

  static final Set<String> SUPPORTED =
      Set.of("fromTime", "toTime", "timeFilter", "timeInterval", "interval_s");

  /** Every macro the plugin and sqlds define, so that a use of the others is noticed. */
  private static final List<String> KNOWN =
      List.of(
              "fromTime",
              "toTime",
              "fromTime_ms",
              "toTime_ms",
              "timeFilter",
              "timeFilter_ms",
              "dateFilter",
              "dateTimeFilter",
              "dt",
              "timeInterval",
              "timeInterval_ms",
              "interval_s",
              "interval",
              "interval_ms",
              "timeFrom",
              "timeTo",
              "timeGroup",
              "table",
              "column")
          .stream()
          .sorted(Comparator.comparingInt(String::length).reversed())
          .toList();

  private BackendMacros() {}

  static String expand(String sql, QueryContext context) {
    String expanded = sql;
    for (String name : KNOWN) {
      Matcher names = Pattern.compile("\\$__" + Pattern.quote(name) + "\\b").matcher(expanded);
      List<String[]> matches = new ArrayList<>();
      while (names.find()) {
        Arguments arguments = Arguments.parse(expanded.substring(names.end()));
        matches.add(
            new String[] {
              expanded.substring(names.start(), names.end() + arguments.length()),
              String.join("\u0000", arguments.values())
            });
      }
      for (String[] match : matches) {
        List<String> args = match[1].isEmpty() ? List.of() : List.of(match[1].split("\u0000", -1));
        expanded = expanded.replace(match[0], apply(name, args, context));
      }
    }
    return expanded;
  }

  private static String apply(String name, List<String> args, QueryContext context) {
    long from = context.from().getEpochSecond();
    long to = context.to().getEpochSecond();
    long seconds = Math.max(context.interval().getSeconds(), 1);
    return switch (name) {
      case "fromTime" -> "toDateTime(" + from + ")";
      case "toTime" -> "toDateTime(" + to + ")";
      case "timeFilter" -> {
        String column = oneArgument(name, args);
        yield column + " >= toDateTime(" + from + ") AND " + column + " <= toDateTime(" + to + ")";
      }
      case "timeInterval" ->
          "toStartOfInterval(toDateTime("
              + oneArgument(name, args)
              + "), INTERVAL "
              + seconds
              + " second)";
      case "interval_s" -> Long.toString(seconds);
      default ->
          throw new IllegalArgumentException(
              "$__"
                  + name
                  + " is a plugin macro that CallPulse dashboards do not use: use one of "
                  + SUPPORTED);
    };
  }

  private static String oneArgument(String name, List<String> args) {
    if (args.size() != 1) {
      throw new IllegalArgumentException(
          "$__"
              + name
              + ": unexpected number of arguments: expected 1 argument, received "
              + args.size());
    }
    return args.get(0);
  }

  /** sqlds' parseArgs: the bracketed list at the start, or none. */
  private record Arguments(List<String> values, int length) {

    static Arguments parse(String text) {
      if (!text.startsWith("(")) {
        return new Arguments(List.of(), 0);
      }
      List<String> values = new ArrayList<>();
      int depth = 0;
      StringBuilder current = new StringBuilder();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '(') {
          depth++;
          if (depth == 1) {
            continue;
          }
        } else if (c == ')') {
          depth--;
          if (depth == 0) {
            values.add(current.toString().trim());
            return new Arguments(values, i + 1);
          }
        } else if (c == ',' && depth == 1) {
          values.add(current.toString().trim());
          current.setLength(0);
          continue;
        }
        current.append(c);
      }
      throw new IllegalArgumentException(
          "failed to parse macro arguments (missing close bracket?)");
    }
  }
}
