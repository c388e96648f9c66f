package io.callpulse.sinks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command line for {@link Migrator}:
 *
 * <pre>
 * java -cp &lt;sinks jar and dependencies&gt; io.callpulse.sinks.MigratorMain \
 *     --url http://localhost:8123 [--user default] [--password-env CLICKHOUSE_PASSWORD] \
 *     [--database callpulse] [--raw-ttl-days 90] [--dry-run]
 * </pre>
 *
 * The password is read from the named environment variable, never from the command line (where
 * {@code ps} shows it). Exit codes: 0 done, 1 migration refused or failed, 2 bad arguments.
 */
public final class MigratorMain {

  private static final String USAGE =
      """
      usage: MigratorMain --url <http://host:8123 | jdbc:clickhouse:http://host:8123>
                          [--user <name>] [--password-env <ENV_VAR>] [--database <name>]
                          [--raw-ttl-days <days>] [--dry-run]
      Applies the pending ClickHouse migrations and records them in <database>.schema_migrations.
        --url           ClickHouse HTTP interface
        --user          ClickHouse user (default: default)
        --password-env  environment variable holding the password (default: none, empty password)
        --database      target database (default: the URL's, else callpulse)
        --raw-ttl-days  days raw_events keeps a row, used when raw_events is created (default: 90)
        --dry-run       list pending migrations, apply nothing""";

  private static final Pattern URL =
      Pattern.compile("(jdbc:clickhouse:https?://[^/?]+)(?:/([^?]*))?(\\?.*)?");

  private MigratorMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv()));
  }

  static int run(String[] args, Map<String, String> environment) {
    Map<String, String> options;
    MigratorSettings settings;
    String password;
    try {
      options = parse(args);
      if (options.containsKey("help")) {
        System.out.println(USAGE);
        return 0;
      }
      settings =
          new MigratorSettings(
              database(options),
              Integer.parseInt(
                  options.getOrDefault(
                      "raw-ttl-days", Integer.toString(MigratorSettings.DEFAULT_RAW_TTL_DAYS))));
      password = password(options, environment);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(USAGE);
      return 2;
    }
    String serverUrl;
    try {
      serverUrl = serverUrl(options);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    Properties properties = new Properties();
    properties.setProperty("user", options.getOrDefault("user", "default"));
    properties.setProperty("password", password);
    try (Connection connection = DriverManager.getConnection(serverUrl, properties)) {
      Migrator migrator =
          new Migrator(connection, settings, MigrationFolder.fromClasspath(), System.out::println);
      if (options.containsKey("dry-run")) {
        List<Migration> pending = migrator.pending();
        pending.forEach(m -> System.out.println("pending " + m.fileName()));
        System.out.println(pending.size() + " pending migration(s) for " + settings.database());
      } else {
        List<Migration> applied = migrator.migrate();
        System.out.println(
            applied.isEmpty()
                ? "database " + settings.database() + " is up to date"
                : "applied " + applied.size() + " migration(s) to " + settings.database());
      }
      return 0;
    } catch (MigrationException | SQLException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    }
  }

  static String jdbcUrl(Map<String, String> options) {
    String url = options.get("url");
    return url.startsWith("jdbc:") ? url : "jdbc:clickhouse:" + url;
  }

  /**
   * The URL without its database path: the driver sends the URL's database with every statement,
   * which fails while that database does not exist yet.
   */
  static String serverUrl(Map<String, String> options) {
    Matcher url = URL.matcher(jdbcUrl(options));
    if (!url.matches()) {
      throw new IllegalArgumentException(
          "--url must look like http://host:8123, got " + options.get("url"));
    }
    return url.group(1) + (url.group(3) == null ? "" : url.group(3));
  }

  /** {@code --database}, else the database in the URL, else {@code callpulse}. */
  static String database(Map<String, String> options) {
    if (options.containsKey("database")) {
      return options.get("database");
    }
    Matcher url = URL.matcher(jdbcUrl(options));
    if (url.matches() && url.group(2) != null && !url.group(2).isEmpty()) {
      return url.group(2);
    }
    return MigratorSettings.DEFAULT_DATABASE;
  }

  private static String password(Map<String, String> options, Map<String, String> environment) {
    String variable = options.get("password-env");
    if (variable == null) {
      return "";
    }
    String password = environment.get(variable);
    if (password == null) {
      throw new IllegalArgumentException(
          "--password-env names " + variable + ", but that environment variable is not set");
    }
    return password;
  }

  static Map<String, String> parse(String[] args) {
    List<String> flags = List.of("dry-run", "help");
    List<String> valued = List.of("url", "user", "password-env", "database", "raw-ttl-days");
    Map<String, String> options = new HashMap<>();
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String arg = rest.remove(0);
      String name = arg.startsWith("--") ? arg.substring(2) : null;
      String inline = null;
      if (name != null && name.contains("=")) {
        inline = name.substring(name.indexOf('=') + 1);
        name = name.substring(0, name.indexOf('='));
      }
      if (name != null && flags.contains(name) && inline == null) {
        options.put(name, "true");
      } else if (name != null && valued.contains(name)) {
        String value = inline != null ? inline : rest.isEmpty() ? null : rest.remove(0);
        if (value == null || value.isEmpty()) {
          throw new IllegalArgumentException("--" + name + " needs a value");
        }
        options.put(name, value);
      } else {
        throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    if (!options.containsKey("help") && !options.containsKey("url")) {
      throw new IllegalArgumentException("--url is required");
    }
    return options;
  }
}
