package io.callpulse.grafana;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a panel's or alert's rawSql into the SQL ClickHouse receives from Grafana: the plugin's
 * {@code $__conditionalAll} (browser), Grafana's template variables (browser), then the plugin's
 * time macros (backend), in that order. Anything macro- or variable-like left over is an error:
 * Grafana would send it to ClickHouse verbatim and the panel would fail.
 */
final class GrafanaQueryExpander {

  /** The value Grafana stores for "All". */
  static final String ALL = "$__all";

  private static final Pattern LEFTOVER = Pattern.compile("\\$\\w+|\\$\\{[^}]*}|\\[\\[\\w+");

  private GrafanaQueryExpander() {}

  static String expand(String rawSql, QueryContext context) {
    String sql = ConditionalAll.apply(rawSql, context.variables());
    sql = TemplateVariables.replace(sql, context.variables());
    sql = BackendMacros.expand(sql, context);
    Matcher leftover = LEFTOVER.matcher(sql);
    if (leftover.find()) {
      throw new IllegalArgumentException(
          "unexpanded " + leftover.group() + " (unknown variable or macro) in:\n" + sql);
    }
    return sql;
  }
}
