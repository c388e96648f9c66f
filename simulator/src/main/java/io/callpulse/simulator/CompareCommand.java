package io.callpulse.simulator;

import io.callpulse.simulator.compare.Actual;
import io.callpulse.simulator.compare.ActualFigures;
import io.callpulse.simulator.compare.ApiFigures;
import io.callpulse.simulator.compare.FigureComparison;
import io.callpulse.simulator.compare.FigureComparison.Row;
import io.callpulse.simulator.compare.FigureComparison.Verdict;
import io.callpulse.simulator.compare.QueryApiClient;
import io.callpulse.simulator.oracle.AppExpectation;
import io.callpulse.simulator.oracle.ExpectedJson;
import io.callpulse.simulator.oracle.ExpectedReport;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Expected figures against what the pipeline wrote to ClickHouse, read by SQL or the query API. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare an expected-figures file with the pipeline's ClickHouse tables (read with FINAL),",
      "or with --api-url with what the query API (GET /api/...) answers for the same data.",
      "Prints every channel figure and every mismatch; exits 1 on any mismatch."
    })
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--expected",
      required = true,
      description = "The file written by run/expected/events.")
  Path expected;

  @Option(
      names = "--url",
      defaultValue = "jdbc:clickhouse:http://127.0.0.1:8123/callpulse",
      description = "ClickHouse JDBC URL, HTTP port (default ${DEFAULT-VALUE}).")
  String url;

  @Option(
      names = "--user",
      defaultValue = "default",
      description = "ClickHouse user (default ${DEFAULT-VALUE}).")
  String user;

  @Option(
      names = "--password-env",
      defaultValue = "CLICKHOUSE_PASSWORD",
      description = "Environment variable holding the password (default ${DEFAULT-VALUE}).")
  String passwordEnv;

  @Option(
      names = "--database",
      defaultValue = "callpulse",
      description = "Database of the tables (default ${DEFAULT-VALUE}).")
  String database;

  @Option(
      names = "--api-url",
      description =
          "Read the figures through the query API at this base URL (e.g. http://127.0.0.1:18082)"
              + " instead of JDBC; --url, --user, --password-env and --database are then unused.")
  String apiUrl;

  @Option(
      names = "--api-key-env",
      paramLabel = "[APPID=]VAR",
      description =
          "Environment variable holding the query API key: APPID=VAR for one app (repeatable),"
              + " or VAR for every app without its own.")
  List<String> apiKeyEnvs = List.of();

  @Option(
      names = "--all-rows",
      description = "Also print matching epoch, user and day rows (channel rows are always shown).")
  boolean allRows;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ExpectedReport report = ExpectedJson.fromJson(new JsonObject(Files.readString(expected)));
    List<String> appIds = report.apps().stream().map(AppExpectation::appId).toList();
    Actual actual;
    if (apiUrl != null) {
      actual = ApiFigures.read(new QueryApiClient(apiUrl, apiKeys(appIds)), report);
      out.printf("figures read through the query API at %s%n", apiUrl);
    } else {
      Properties properties = new Properties();
      properties.setProperty("user", user);
      String password = System.getenv(passwordEnv);
      properties.setProperty("password", password == null ? "" : password);
      try (Connection connection = DriverManager.getConnection(url, properties)) {
        actual = ActualFigures.read(connection, database, appIds);
      }
    }
    List<Row> rows = FigureComparison.compare(report, actual);
    print(out, rows);
    return FigureComparison.allMatch(rows) ? ExitCodes.OK : ExitCodes.MISMATCH;
  }

  /** App id → key from the {@code --api-key-env} variables; every app needs one. */
  private Map<String, String> apiKeys(List<String> appIds) {
    Map<String, String> variables = new HashMap<>();
    String fallback = null;
    for (String entry : apiKeyEnvs) {
      int eq = entry.indexOf('=');
      if (eq < 0) {
        fallback = entry;
      } else {
        variables.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    Map<String, String> keys = new HashMap<>();
    for (String appId : appIds) {
      String variable = variables.getOrDefault(appId, fallback);
      String key = variable == null ? null : System.getenv(variable);
      if (key == null || key.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "no query API key for app "
                + appId
                + (variable == null
                    ? ": pass --api-key-env " + appId + "=VAR"
                    : ": environment variable " + variable + " is not set"));
      }
      keys.put(appId, key);
    }
    return keys;
  }

  private void print(PrintWriter out, List<Row> rows) {
    String format = "%-60s %-24s %14s %14s  %s%n";
    out.printf(format, "scope", "figure", "expected", "actual", "match");
    for (Row row : rows) {
      boolean channelRow = row.scope() == FigureComparison.Scope.CHANNEL;
      if (allRows || channelRow || row.verdict() == Verdict.MISMATCH) {
        out.printf(
            format,
            row.subject(),
            row.figure(),
            row.expected(),
            row.actual() == null ? "-" : row.actual(),
            switch (row.verdict()) {
              case MATCH -> "yes";
              case MISMATCH -> "NO";
              case SKIPPED -> "skip (" + row.reason() + ")";
            });
      }
    }
    long mismatches = rows.stream().filter(r -> r.verdict() == Verdict.MISMATCH).count();
    long skipped = rows.stream().filter(r -> r.verdict() == Verdict.SKIPPED).count();
    out.printf(
        "%d figures compared: %d match, %d mismatch, %d skipped%n",
        rows.size(), rows.size() - mismatches - skipped, mismatches, skipped);
  }
}
