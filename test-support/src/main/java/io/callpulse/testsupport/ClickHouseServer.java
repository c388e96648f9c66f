package io.callpulse.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real ClickHouse 26.7 server (libchdb.so run by {@code chdb-server}) on free loopback HTTP and
 * native ports, with its data and logs under one directory. Tests connect as {@link #user()} with
 * {@link #password()}, which the server enforces.
 *
 * <p>{@link #stop()} and a later {@link #start()} keep the data directory and both ports, so a JDBC
 * URL handed to a job before an outage is valid again after it.
 *
 * <pre>{@code
 * try (ClickHouseServer clickHouse = ClickHouseServer.startIn(tempDir)) {
 *   clickHouse.createDatabase("callpulse");
 *   clickHouse.execute("CREATE TABLE callpulse.t (id UInt64) ENGINE = MergeTree ORDER BY id");
 *   DriverManager.getConnection(clickHouse.jdbcUrl("callpulse"), clickHouse.user(), clickHouse.password());
 * }
 * }</pre>
 */
public final class ClickHouseServer implements AutoCloseable {

  public static final String DEFAULT_USER = "callpulse";
  public static final String DEFAULT_PASSWORD = "callpulse-test";

  /** How long a start may take before it fails naming the log. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /** Memory cap of one server: ample for tests, modest on a shared 2-core machine. */
  public static final long DEFAULT_MAX_MEMORY_BYTES = 2L << 30;

  private static final Logger LOG = LoggerFactory.getLogger(ClickHouseServer.class);
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final int PORT_ATTEMPTS = 3;
  // Keeps the engine serving: chdb's entry point returns, and the server stops, when it ends.
  private static final String KEEP_ALIVE_QUERY =
      "SYSTEM START LISTEN QUERIES ALL; SELECT sleepEachRow(1) FROM system.numbers"
          + " SETTINGS max_execution_time=0, max_block_size=1 FORMAT Null";

  private final Path home;
  private final CallPulseInstall install;
  private final String user;
  private final String password;
  private final long maxMemoryBytes;
  private int httpPort;
  private int tcpPort;
  private String keepAliveId;
  private ManagedProcess process;
  private ClickHouseHttp http;

  /** A stopped server living in {@code home} (created if needed), with the default user. */
  public ClickHouseServer(Path home) {
    this(home, DEFAULT_USER, DEFAULT_PASSWORD, DEFAULT_MAX_MEMORY_BYTES);
  }

  public ClickHouseServer(Path home, String user, String password, long maxMemoryBytes) {
    this(home, user, password, maxMemoryBytes, CallPulseInstall.locate());
  }

  ClickHouseServer(
      Path home, String user, String password, long maxMemoryBytes, CallPulseInstall install) {
    if (!IDENTIFIER.matcher(user).matches() || "default".equals(user)) {
      // `default` must stay password-less: the engine's own start-up session logs in with it
      throw new IllegalArgumentException(
          "user must be a plain identifier other than default: " + user);
    }
    this.home = home.toAbsolutePath();
    this.user = user;
    this.password = password;
    this.maxMemoryBytes = maxMemoryBytes;
    this.install = install;
  }

  /** Starts a server in {@code home} with the default user. */
  public static ClickHouseServer startIn(Path home) {
    return new ClickHouseServer(home).start();
  }

  /**
   * Starts the server and returns once it answers as this data directory's server. Ports are chosen
   * on the first start and kept for every restart.
   */
  public synchronized ClickHouseServer start() {
    if (isRunning()) {
      return this;
    }
    Path launcher = install.chdbServer();
    Path library = install.chdbLibrary();
    boolean portsChosenNow = httpPort == 0;
    for (int attempt = 1; ; attempt++) {
      if (portsChosenNow) {
        int[] ports = FreePorts.allocate(2);
        httpPort = ports[0];
        tcpPort = ports[1];
      }
      try {
        launch(launcher, library);
        return this;
      } catch (PortTakenException e) {
        if (!portsChosenNow || attempt == PORT_ATTEMPTS) {
          throw new ServerStartException(
              "ClickHouse could not bind 127.0.0.1:" + httpPort + "/" + tcpPort, e.log, null);
        }
        LOG.info("ClickHouse ports {}/{} were taken meanwhile, choosing others", httpPort, tcpPort);
      }
    }
  }

  private void launch(Path launcher, Path library) {
    Path config = home.resolve("config.xml");
    Path users = home.resolve("users.xml");
    Templates.render(
        install.tool("clickhouse", "users.xml.template"),
        Map.of("USER", user, "PASSWORD_SHA256", sha256Hex(password)),
        users);
    Templates.render(
        install.tool("clickhouse", "config.xml.template"),
        Map.of(
            "LOG_DIR", logDir().toString(),
            "DATA_DIR", dataDir().toString(),
            "MAX_MEMORY", Long.toString(maxMemoryBytes),
            "USERS_XML", users.toString()),
        config);
    // system log tables (query_log, part_log) fail to attach after a restart otherwise
    Directories.deleteRecursively(dataDir().resolve("data").resolve("system"));
    keepAliveId = "callpulse-keepalive-" + UUID.randomUUID();
    List<String> command =
        List.of(
            launcher.toString(),
            library.toString(),
            "--watch-stdin",
            "--",
            "--config-file=" + config,
            "--log-level=warning",
            "--path=" + dataDir(),
            "--http_port=" + httpPort,
            "--tcp_port=" + tcpPort,
            "--listen_host=127.0.0.1",
            "--query_id=" + keepAliveId,
            "--query=" + KEEP_ALIVE_QUERY);
    http = new ClickHouseHttp(httpPort, user, password);
    process = ManagedProcess.start("clickhouse", command, home, launcherLog());
    try {
      awaitReady();
    } catch (RuntimeException e) {
      process.kill();
      process = null;
      throw e;
    }
    LOG.info("ClickHouse ready on http {} / tcp {} (logs in {})", httpPort, tcpPort, logDir());
  }

  /** Ready = {@code /ping} answers and the server reports our data path (not a stale server's). */
  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        if (ManagedProcess.tail(launcherLog(), 50).contains("Address already in use")) {
          throw new PortTakenException(launcherLog());
        }
        throw new ServerStartException(
            "ClickHouse exited during start-up with code " + process.exitCode(),
            launcherLog(),
            null);
      }
      if (http.ping()) {
        String path = servedPath();
        if (Path.of(path).normalize().equals(dataDir().normalize())) {
          return;
        }
        throw new ServerStartException(
            "another ClickHouse answers on port " + httpPort + " (its data is in " + path + ")",
            launcherLog(),
            null);
      }
      sleep(POLL);
    }
    throw new ServerStartException(
        "ClickHouse not ready within " + START_TIMEOUT.toSeconds() + " s", launcherLog(), null);
  }

  private String servedPath() {
    List<List<String>> rows =
        http.query("SELECT value FROM system.server_settings WHERE name = 'path'", null);
    return rows.isEmpty() ? "" : rows.get(0).get(0);
  }

  /**
   * Ends the keep-alive query so the engine shuts down cleanly; SIGTERM and then SIGKILL if it does
   * not. Data and ports are kept for a later {@link #start()}.
   */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    if (process.isAlive()) {
      try {
        http.send("KILL QUERY WHERE query_id = '" + keepAliveId + "' SYNC", null, Map.of());
      } catch (RuntimeException e) {
        LOG.warn(
            "KILL QUERY of the keep-alive query failed, terminating ClickHouse: {}", e.toString());
      }
      process.waitForExit(STOP_GRACE);
    }
    process.terminate(STOP_GRACE);
    process = null;
    LOG.info("ClickHouse on http {} stopped", httpPort);
  }

  /** SIGKILL, as a crash would; {@link #start()} recovers from the same data directory. */
  public synchronized void kill() {
    if (process != null) {
      process.kill();
      process = null;
    }
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() {
    stop();
  }

  public int httpPort() {
    requireStartedOnce();
    return httpPort;
  }

  public int tcpPort() {
    requireStartedOnce();
    return tcpPort;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /**
   * The clickhouse-jdbc URL of {@code database} over HTTP. Synchronous inserts are pinned in the
   * URL too ({@code clickhouse_setting_} prefix), so the test does not depend on the server
   * profile.
   */
  public String jdbcUrl(String database) {
    return "jdbc:clickhouse:http://127.0.0.1:"
        + httpPort()
        + "/"
        + requireIdentifier(database)
        + "?clickhouse_setting_async_insert=0";
  }

  /** Creates {@code name} (Atomic engine) if missing and returns a handle on it. */
  public ClickHouseDatabase createDatabase(String name) {
    execute("CREATE DATABASE IF NOT EXISTS " + requireIdentifier(name) + " ENGINE = Atomic");
    return new ClickHouseDatabase(this, name);
  }

  /** Runs one statement over HTTP as {@link #user()}; throws {@link ClickHouseQueryException}. */
  public void execute(String sql) {
    execute(sql, null);
  }

  /** Runs one statement with {@code database} as the current database. */
  public void execute(String sql, String database) {
    requireRunning();
    http.send(sql, database, Map.of());
  }

  /** Rows of a query as text (TabSeparated); SQL NULL becomes {@code null}. */
  public List<List<String>> query(String sql) {
    return query(sql, null);
  }

  /** Rows of a query run with {@code database} as the current database. */
  public List<List<String>> query(String sql, String database) {
    requireRunning();
    return http.query(sql, database);
  }

  public Path home() {
    return home;
  }

  public Path dataDir() {
    return home.resolve("data");
  }

  /**
   * Holds {@code clickhouse-server.log}, {@code clickhouse-server.err.log} and {@code
   * chdb-server.out}.
   */
  public Path logDir() {
    return home.resolve("logs");
  }

  private Path launcherLog() {
    return logDir().resolve("chdb-server.out");
  }

  private void requireRunning() {
    if (!isRunning()) {
      throw new IllegalStateException("ClickHouse in " + home + " is not running");
    }
  }

  private void requireStartedOnce() {
    if (httpPort == 0) {
      throw new IllegalStateException("ClickHouse in " + home + " was never started");
    }
  }

  static String requireIdentifier(String name) {
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain ClickHouse identifier: " + name);
    }
    return name;
  }

  private static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for ClickHouse", e);
    }
  }

  @Override
  public String toString() {
    return "ClickHouseServer[http " + httpPort + ", tcp " + tcpPort + ", " + home + "]";
  }

  /** The chosen ports were taken between choosing and binding: retried with new ones. */
  private static final class PortTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path log;

    PortTakenException(Path log) {
      super("port taken", null, false, false);
      this.log = log;
    }
  }
}
