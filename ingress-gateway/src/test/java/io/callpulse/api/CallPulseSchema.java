package io.callpulse.api;

import io.callpulse.testsupport.CallPulseInstall;
import io.callpulse.testsupport.ClickHouseDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Creates the CallPulse tables from the one DDL folder (sinks' {@code db/migration}), so these
 * tests read the schema the analytics job writes, not a copy of it.
 */
public final class CallPulseSchema {

  private CallPulseSchema() {}

  public static void create(ClickHouseDatabase database) {
    Path folder = CallPulseInstall.locate().root().resolve("sinks/src/main/resources/db/migration");
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
        for (String statement : statements(Files.readString(file), database.name())) {
          database.execute(statement);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the migrations in " + folder, e);
    }
  }

  /** The files hold no semicolons in strings, so dropping comments and splitting is enough. */
  private static List<String> statements(String script, String database) {
    String withoutComments = script.replaceAll("(?m)--.*$", "");
    return Stream.of(withoutComments.split(";"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(s -> s.replace("${database}", database).replace("${raw_ttl_days}", "90"))
        .toList();
  }
}
