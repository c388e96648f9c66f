package io.callpulse.grafana;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Grafana's dashboard JSON schema, generated offline from the TypeScript types of
 * {@code @grafana/schema} (the {@code Dashboard} interface of raw/dashboard/x/types.gen) by {@code
 * ts-json-schema-generator}, both from npm, cached in {@code ~/.cache/callpulse/grafana-schema} (or
 * {@code -Dcallpulse.cache}). No Grafana server is needed.
 */
final class GrafanaDashboardSchema {

  static final String SCHEMA_PACKAGE = "@grafana/schema@13.2.3";
  static final String GENERATOR_PACKAGE = "ts-json-schema-generator@2.4.0";
  private static final String TYPES =
      "node_modules/@grafana/schema/dist/types/raw/dashboard/x/types.gen.d.ts";
  private static final String GENERATOR =
      "node_modules/ts-json-schema-generator/bin/ts-json-schema-generator.js";

  private GrafanaDashboardSchema() {}

  static Path cacheDir() {
    String cache = System.getProperty("callpulse.cache", System.getenv("CALLPULSE_CACHE"));
    Path base =
        cache != null && !cache.isBlank()
            ? Path.of(cache)
            : Path.of(System.getProperty("user.home"), ".cache", "callpulse");
    return base.resolve("grafana-schema");
  }

  /** The schema file, generated on first use; throws {@link Unavailable} without npm/network. */
  static Path file() throws IOException, InterruptedException {
    Path dir = cacheDir();
    Path schema = dir.resolve("dashboard-" + SCHEMA_PACKAGE.replaceAll("[^\\w.]+", "_") + ".json");
    if (Files.isRegularFile(schema) && Files.size(schema) > 0) {
      return schema;
    }
    Files.createDirectories(dir);
    if (!Files.exists(dir.resolve("package.json"))) {
      Files.writeString(
          dir.resolve("package.json"),
          "{\"name\":\"callpulse-grafana-schema\",\"private\":true}\n",
          StandardCharsets.UTF_8);
    }
    if (!Files.exists(dir.resolve(TYPES)) || !Files.exists(dir.resolve(GENERATOR))) {
      run(
          dir,
          List.of(
              "npm",
              "install",
              "--no-audit",
              "--no-fund",
              "--ignore-scripts",
              SCHEMA_PACKAGE,
              GENERATOR_PACKAGE));
    }
    Path partial = dir.resolve(schema.getFileName() + ".partial");
    run(
        dir,
        List.of(
            "node",
            GENERATOR,
            "--path",
            TYPES,
            "--type",
            "Dashboard",
            "--no-type-check",
            "-o",
            partial.toString()));
    Files.move(
        partial, schema, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return schema;
  }

  private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("grafana-schema", ".log");
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new Unavailable(command.get(0) + " is not installed: " + e.getMessage());
    }
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new Unavailable(String.join(" ", command) + " took more than 5 minutes");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    if (process.exitValue() != 0) {
      throw new Unavailable(
          String.join(" ", command) + " failed (npm registry unreachable?):\n" + output);
    }
  }

  /** npm, node or the registry is not available: the schema check cannot run here. */
  static final class Unavailable extends IOException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }
}
