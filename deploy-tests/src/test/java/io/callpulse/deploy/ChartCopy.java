package io.callpulse.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A copy of helm/callpulse in target/, with {@code dashboards/} filled from a chosen folder. The
 * chart's {@code dashboards} is a link to grafana/dashboards; rendering a copy keeps helm from
 * writing into the sources and lets a test choose the dashboards (the repository's, or fixtures).
 */
final class ChartCopy {
  private ChartCopy() {}

  /**
   * The repository's chart with the repository's dashboards (none if grafana/dashboards is absent).
   */
  static Path ofRepository(String name) {
    return with(name, Repository.root().resolve("grafana/dashboards"));
  }

  static Path with(String name, Path dashboards) {
    Path target = Repository.work(name).resolve("callpulse");
    try {
      if (Files.exists(target)) {
        NpmPackage.deleteTree(target);
      }
      Path source = Repository.chart();
      try (var paths = Files.walk(source)) {
        for (Path p : paths.toList()) {
          Path relative = source.relativize(p);
          if (relative.startsWith("dashboards")) {
            continue;
          }
          Path copy = target.resolve(relative.toString());
          if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(copy);
          } else {
            Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      Path dashboardCopy = Files.createDirectories(target.resolve("dashboards"));
      for (Path json : dashboards(dashboards)) {
        Files.copy(json, dashboardCopy.resolve(json.getFileName()));
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> dashboards(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (var files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }
}
