package io.callpulse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One directory per test JVM for the shared servers' data and logs: {@code
 * target/callpulse-it/run-*} when tests run from a module directory (so {@code mvn clean} removes
 * it), else the temp dir.
 */
public final class TestRunDirectory {

  /** System property overriding the parent of the per-run directories. */
  public static final String BASE_PROPERTY = "callpulse.test.dir";

  private static Path current;

  private TestRunDirectory() {}

  /** The directory of this JVM's run, created on first use. */
  public static synchronized Path path() {
    if (current == null) {
      String stamp =
          LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      current = base().resolve("run-" + stamp + "-" + ProcessHandle.current().pid());
      try {
        Files.createDirectories(current);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the test run directory " + current, e);
      }
    }
    return current;
  }

  private static Path base() {
    String configured = System.getProperty(BASE_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    Path target = Path.of("target").toAbsolutePath();
    if (Files.isDirectory(target)) {
      return target.resolve("callpulse-it");
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "callpulse-it");
  }
}
