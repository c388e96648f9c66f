package io.callpulse.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (the 4.2.2 jars from the install cache) in a child JVM on
 * free loopback ports, with its data and logs under one directory.
 *
 * <p>{@link #stop()} and a later {@link #start()} keep the data directory and the ports, so clients
 * configured with {@link #bootstrapServers()} reconnect to the same broker with the same topics and
 * offsets: tests of "Kafka went away and came back" use exactly that.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.startIn(tempDir)) {
 *   kafka.createTopic("ncs-events", 3);
 *   producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {

  /** How long a start may take before it fails naming the log. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int PORT_ATTEMPTS = 3;
  private static final String HEAP = "-Xmx512m";
  private static final AtomicInteger TOPIC_SEQUENCE = new AtomicInteger();

  private final Path home;
  private final CallPulseInstall install;
  private final int defaultPartitions;
  private int port;
  private int controllerPort;
  private ManagedProcess process;
  private Admin admin;

  /**
   * A stopped broker living in {@code home} (created if needed). {@code defaultPartitions} applies
   * to auto-created topics.
   */
  public KafkaBroker(Path home, int defaultPartitions) {
    this(home, defaultPartitions, CallPulseInstall.locate());
  }

  KafkaBroker(Path home, int defaultPartitions, CallPulseInstall install) {
    this.home = home.toAbsolutePath();
    this.defaultPartitions = defaultPartitions;
    this.install = install;
  }

  /** Starts a broker in {@code home} with one partition per auto-created topic. */
  public static KafkaBroker startIn(Path home) {
    return new KafkaBroker(home, 1).start();
  }

  /**
   * Starts the broker, formatting the data directory on the first start; returns once it serves
   * requests. Ports are chosen on the first start and kept for every restart.
   */
  public synchronized KafkaBroker start() {
    if (isRunning()) {
      return this;
    }
    Path libs = install.kafkaLibs();
    boolean portsChosenNow = port == 0;
    for (int attempt = 1; ; attempt++) {
      if (portsChosenNow) {
        int[] ports = FreePorts.allocate(2);
        port = ports[0];
        controllerPort = ports[1];
      }
      try {
        launch(libs);
        return this;
      } catch (PortTakenException e) {
        if (!portsChosenNow || attempt == PORT_ATTEMPTS) {
          throw new ServerStartException(
              "Kafka broker could not bind 127.0.0.1:" + port + "/" + controllerPort, e.log, null);
        }
        LOG.info("Kafka ports {}/{} were taken meanwhile, choosing others", port, controllerPort);
      }
    }
  }

  private void launch(Path libs) {
    Path properties = home.resolve("server.properties");
    Templates.render(
        install.tool("kafka", "server.properties.template"),
        Map.of(
            "PORT", Integer.toString(port),
            "CONTROLLER_PORT", Integer.toString(controllerPort),
            "DATA_DIR", dataDir().toString(),
            "PARTITIONS", Integer.toString(defaultPartitions)),
        properties);
    String clusterId = clusterIdOrFormat(libs, properties);
    List<String> command = javaCommand(libs);
    command.add(StdinWatchdog.class.getName());
    command.add("kafka.Kafka");
    command.add(properties.toString());
    process = ManagedProcess.start("kafka", command, home, logDir().resolve("kafka.out"));
    try {
      awaitReady(clusterId);
    } catch (RuntimeException e) {
      closeAdmin();
      process.kill();
      throw e;
    }
    LOG.info("Kafka broker ready at {} (logs in {})", bootstrapServers(), logDir());
  }

  private List<String> javaCommand(Path libs) {
    List<String> command = new ArrayList<>();
    command.add(CallPulseInstall.javaExecutable().toString());
    command.add(HEAP);
    command.add("-XX:+UseSerialGC");
    // C1 only: a test broker lives seconds to minutes, so start-up CPU matters more than peak speed
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Djava.awt.headless=true");
    command.add("-Duser.timezone=UTC");
    command.add("-Dlog4j2.configurationFile=" + install.tool("kafka", "log4j2.properties"));
    command.add("-Dkafka.logs.dir=" + logDir());
    command.add("-cp");
    command.add(libs.resolve("*") + java.io.File.pathSeparator + ownClasses());
    return command;
  }

  /** Where {@link StdinWatchdog} was loaded from: this module's jar or classes directory. */
  private static Path ownClasses() {
    try {
      return Path.of(
          StdinWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the test-support classes", e);
    }
  }

  /** The id in an existing data directory, or a new one written by {@code StorageTool format}. */
  private String clusterIdOrFormat(Path libs, Path properties) {
    Path meta = dataDir().resolve("meta.properties");
    if (Files.isRegularFile(meta)) {
      Properties loaded = new Properties();
      try (InputStream in = Files.newInputStream(meta)) {
        loaded.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + meta, e);
      }
      return loaded.getProperty("cluster.id");
    }
    String clusterId = newClusterId();
    List<String> command = javaCommand(libs);
    command.addAll(
        List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", properties.toString()));
    Path log = logDir().resolve("format.out");
    ManagedProcess format = ManagedProcess.start("kafka-storage-format", command, home, log);
    if (!format.waitForExit(START_TIMEOUT)) {
      format.kill();
      throw new ServerStartException("Kafka StorageTool format did not finish", log, null);
    }
    format.terminate(Duration.ZERO);
    if (format.exitCode() != 0) {
      throw new ServerStartException(
          "Kafka StorageTool format failed with exit code " + format.exitCode(), log, null);
    }
    return clusterId;
  }

  /** Kafka's Uuid text form: 16 random bytes, URL-safe base64; never starting with '-' (CLI). */
  private static String newClusterId() {
    SecureRandom random = new SecureRandom();
    byte[] bytes = new byte[16];
    String id;
    do {
      random.nextBytes(bytes);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } while (id.startsWith("-"));
    return id;
  }

  /** Ready = the broker answers a metadata request with our cluster id (not a stale broker's). */
  private void awaitReady(String clusterId) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Path log = logDir().resolve("server.log");
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        if (ManagedProcess.tail(log, 200).contains("Address already in use")
            || ManagedProcess.tail(process.logFile(), 50).contains("Address already in use")) {
          throw new PortTakenException(log);
        }
        throw new ServerStartException(
            "Kafka broker exited during start-up with code " + process.exitCode(), log, null);
      }
      if (FreePorts.accepts(port) && clusterAnswers(clusterId)) {
        return;
      }
      sleep(POLL);
    }
    throw new ServerStartException(
        "Kafka broker not ready within " + START_TIMEOUT.toSeconds() + " s", log, null);
  }

  private boolean clusterAnswers(String clusterId) {
    try {
      DescribeClusterResult cluster = admin().describeCluster();
      return clusterId.equals(cluster.clusterId().get(5, TimeUnit.SECONDS))
          && !cluster.nodes().get(5, TimeUnit.SECONDS).isEmpty();
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    }
  }

  /** {@code 127.0.0.1:<port>}; stable across restarts. */
  public String bootstrapServers() {
    if (port == 0) {
      throw new IllegalStateException("Kafka broker in " + home + " was never started");
    }
    return "127.0.0.1:" + port;
  }

  /** Creates a topic with replication factor 1 and waits until every partition has a leader. */
  public void createTopic(String name, int partitions) {
    requireRunning();
    try {
      admin()
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      awaitLeaders(name);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("topic " + name + " not created within 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    }
  }

  /**
   * Creates a topic named {@code prefix} plus a suffix unique in this JVM and returns the name: the
   * broker is shared by a whole test run, so fixed names would leak records between tests.
   */
  public String createUniqueTopic(String prefix, int partitions) {
    String name =
        prefix + "-" + ProcessHandle.current().pid() + "-" + TOPIC_SEQUENCE.incrementAndGet();
    createTopic(name, partitions);
    return name;
  }

  private void awaitLeaders(String topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      List<TopicPartitionInfo> partitions = partitionsOrEmpty(topic);
      if (!partitions.isEmpty()
          && partitions.stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("partitions of " + topic + " have no leader: " + partitions);
      }
      sleep(POLL);
    }
  }

  /** The topic's partitions; none while the broker's metadata does not know the topic yet. */
  private List<TopicPartitionInfo> partitionsOrEmpty(String topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      TopicDescription description =
          admin()
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS)
              .get(topic);
      return description.partitions();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return List.of();
      }
      throw e;
    }
  }

  /**
   * An admin client of the running broker, owned by this object (do not close it). Closed and
   * replaced across restarts, so fetch it again after {@link #start()}.
   */
  public synchronized Admin admin() {
    if (admin == null) {
      Properties props = new Properties();
      props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
      props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
      props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
      props.put(AdminClientConfig.CLIENT_ID_CONFIG, "callpulse-test-support");
      admin = Admin.create(props);
    }
    return admin;
  }

  /** Controlled shutdown (SIGTERM), then SIGKILL after 30 s. Data and ports are kept. */
  public synchronized void stop() {
    closeAdmin();
    if (process != null) {
      process.terminate(STOP_GRACE);
      LOG.info("Kafka broker at {} stopped", bootstrapServers());
      process = null;
    }
  }

  /** SIGKILL, as a crash would; {@link #start()} recovers from the same data directory. */
  public synchronized void kill() {
    closeAdmin();
    if (process != null) {
      process.kill();
      process = null;
    }
  }

  private void closeAdmin() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
      admin = null;
    }
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  private void requireRunning() {
    if (!isRunning()) {
      throw new IllegalStateException("Kafka broker in " + home + " is not running");
    }
  }

  /** Stops the broker; the data directory stays for inspection. */
  @Override
  public void close() {
    stop();
  }

  public Path home() {
    return home;
  }

  public Path dataDir() {
    return home.resolve("data");
  }

  /** Holds {@code server.log} (the broker's log4j log) and {@code kafka.out} (its console). */
  public Path logDir() {
    return home.resolve("logs");
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    }
  }

  @Override
  public String toString() {
    return "KafkaBroker[" + (port == 0 ? "never started" : bootstrapServers()) + ", " + home + "]";
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
