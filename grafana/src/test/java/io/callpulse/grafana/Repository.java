package io.callpulse.grafana;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the files under test live: the repository's grafana/ folder. */
final class Repository {

  private Repository() {}

  static Path root() {
    String configured = System.getProperty("callpulse.root");
    Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("grafana/dashboards"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no grafana/dashboards above " + start);
  }

  static Path grafana() {
    return root().resolve("grafana");
  }
}
