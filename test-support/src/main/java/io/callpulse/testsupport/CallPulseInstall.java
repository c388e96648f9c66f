package io.callpulse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where the real servers come from: the download cache filled by {@code ./callpulse install} and
 * the config templates under {@code tools/} in the repository.
 *
 * <p>Both locations follow the same lookup as the {@code callpulse} script, so a test started by
 * the IDE, by Maven or by the script finds the same files: system property, then environment
 * variable, then a default.
 */
public final class CallPulseInstall {

  /** System property naming the download cache (the script passes it to Maven). */
  public static final String CACHE_PROPERTY = "callpulse.cache";

  /** Environment variable naming the download cache. */
  public static final String CACHE_ENV = "CALLPULSE_CACHE";

  /** System property naming the repository root. */
  public static final String ROOT_PROPERTY = "callpulse.root";

  /** Environment variable naming the repository root. */
  public static final String ROOT_ENV = "CALLPULSE_ROOT";

  static final String KAFKA_VERSION = "4.2.2";
  static final String CHDB_DIR = "chdb-26.7.3";
  private static final String INSTALL_HINT = ": run ./callpulse install";

  private final Path cache;
  private final Path root;

  CallPulseInstall(Path cache, Path root) {
    this.cache = cache;
    this.root = root;
  }

  /** The installation seen from this JVM's system properties, environment and working directory. */
  public static CallPulseInstall locate() {
    return locate(System::getProperty, System::getenv, Path.of("").toAbsolutePath());
  }

  static CallPulseInstall locate(
      Function<String, String> properties, Function<String, String> env, Path workingDir) {
    Path cache =
        firstSet(properties.apply(CACHE_PROPERTY), env.apply(CACHE_ENV))
            .map(Path::of)
            .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache", "callpulse"));
    Path root =
        firstSet(properties.apply(ROOT_PROPERTY), env.apply(ROOT_ENV))
            .map(Path::of)
            .or(() -> findRoot(workingDir))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "CallPulse repository root not found above "
                            + workingDir
                            + ": set -D"
                            + ROOT_PROPERTY
                            + "=<repo> or "
                            + ROOT_ENV));
    return new CallPulseInstall(cache.toAbsolutePath(), root.toAbsolutePath());
  }

  private static Optional<String> firstSet(String... values) {
    return Stream.of(values).filter(v -> v != null && !v.isBlank()).findFirst();
  }

  /** The nearest directory holding the root POM (artifactId callpulse-parent). */
  static Optional<Path> findRoot(Path start) {
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (isRoot(dir)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private static boolean isRoot(Path dir) {
    Path pom = dir.resolve("pom.xml");
    if (!Files.isRegularFile(pom)) {
      return false;
    }
    try {
      return Files.readString(pom).contains("<artifactId>callpulse-parent</artifactId>")
          && Files.isDirectory(dir.resolve("tools"));
    } catch (IOException e) {
      return false;
    }
  }

  public Path cache() {
    return cache;
  }

  public Path root() {
    return root;
  }

  /** The Kafka broker's jars; fails when the cache has not been filled. */
  public Path kafkaLibs() {
    Path libs = cache.resolve("kafka-" + KAFKA_VERSION).resolve("libs");
    Path brokerJar = libs.resolve("kafka_2.13-" + KAFKA_VERSION + ".jar");
    if (!Files.isRegularFile(brokerJar)) {
      throw new IllegalStateException("Kafka jars not found in " + libs + INSTALL_HINT);
    }
    return libs;
  }

  /** The ClickHouse engine shared library. */
  public Path chdbLibrary() {
    Path lib = cache.resolve(CHDB_DIR).resolve("package").resolve("libchdb.so");
    if (!Files.isRegularFile(lib)) {
      throw new IllegalStateException(
          "ClickHouse engine (libchdb.so) not found at " + lib + INSTALL_HINT);
    }
    return lib;
  }

  /**
   * The native launcher serving the engine over HTTP and TCP. Built here with gcc when missing, the
   * same way the install script does, so a fresh clone's tests do not need the script first.
   */
  public synchronized Path chdbServer() {
    Path binary = cache.resolve("chdb-server").resolve("chdb-server");
    if (Files.isExecutable(binary)) {
      return binary;
    }
    Path source = tool("clickhouse", "chdb-server.c");
    buildLauncher(source, binary);
    return binary;
  }

  private static void buildLauncher(Path source, Path binary) {
    try {
      Files.createDirectories(binary.getParent());
      // a private name, then an atomic rename: several modules' test JVMs may build at once
      Path tmp = Files.createTempFile(binary.getParent(), "chdb-server", ".tmp");
      Path log = Files.createTempFile(binary.getParent(), "gcc", ".log");
      List<String> gcc =
          List.of("gcc", "-O2", "-o", tmp.toString(), source.toString(), "-ldl", "-lpthread");
      Process process;
      try {
        process =
            new ProcessBuilder(gcc).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      } catch (IOException e) {
        throw new IllegalStateException(
            "ClickHouse launcher missing at " + binary + " and gcc could not run" + INSTALL_HINT,
            e);
      }
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("gcc did not finish building " + source + " in 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "gcc failed to build " + source + ": " + Files.readString(log) + INSTALL_HINT);
      }
      Files.move(tmp, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the ClickHouse launcher at " + binary, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building " + binary, e);
    }
  }

  /**
   * A file under {@code tools/} of the repository, e.g. {@code tool("kafka", "log4j2.properties")}.
   */
  public Path tool(String component, String file) {
    Path path = root.resolve("tools").resolve(component).resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          path + " not found: is " + root + " a CallPulse checkout? (set -D" + ROOT_PROPERTY + ")");
    }
    return path;
  }

  /** The JVM running this code, used to start the broker's JVM on the same Java. */
  static Path javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
