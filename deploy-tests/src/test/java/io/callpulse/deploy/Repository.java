package io.callpulse.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the files under test, which live outside this module. */
final class Repository {
  private Repository() {}

  static Path root() {
    String configured = System.getProperty("callpulse.root");
    Path root =
        (configured != null ? Path.of(configured) : Path.of("..")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("pom.xml"))
        || !Files.isDirectory(root.resolve("deploy-tests"))) {
      throw new IllegalStateException("not the CallPulse repository root: " + root);
    }
    return root;
  }

  static Path chart() {
    return root().resolve("helm/callpulse");
  }

  static Path composeFile() {
    return root().resolve("docker-compose.yml");
  }

  static Path dockerDir() {
    return root().resolve("docker");
  }

  /** Where tests may write: this module's target folder. */
  static Path work(String name) {
    try {
      return Files.createDirectories(root().resolve("deploy-tests/target/work").resolve(name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Per-machine download cache, as the ./callpulse scripts use it. */
  static Path cache(String name) {
    String env = System.getenv("CALLPULSE_CACHE");
    Path base =
        env != null && !env.isBlank()
            ? Path.of(env)
            : Path.of(System.getProperty("user.home"), ".cache", "callpulse");
    return base.resolve(name);
  }
}
