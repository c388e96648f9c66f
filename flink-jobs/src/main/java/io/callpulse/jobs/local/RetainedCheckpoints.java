package io.callpulse.jobs.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the newest complete checkpoint in Flink's layout {@code <dir>/<jobId>/chk-<n>/_metadata}. A
 * checkpoint without {@code _metadata} was cut off (e.g. by {@code kill -9}) and is skipped.
 */
final class RetainedCheckpoints {
  private RetainedCheckpoints() {}

  static Optional<Path> latest(Path checkpointsDir) throws IOException {
    if (!Files.isDirectory(checkpointsDir)) {
      return Optional.empty();
    }
    try (Stream<Path> metadata = Files.find(checkpointsDir, 3, RetainedCheckpoints::isMetadata)) {
      return metadata.max(Comparator.comparing(RetainedCheckpoints::modified)).map(Path::getParent);
    }
  }

  static List<Path> jobFolders(Path checkpointsDir) throws IOException {
    if (!Files.isDirectory(checkpointsDir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(checkpointsDir)) {
      return children.filter(Files::isDirectory).toList();
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static boolean isMetadata(
      Path path, java.nio.file.attribute.BasicFileAttributes attributes) {
    return attributes.isRegularFile()
        && path.getFileName().toString().equals("_metadata")
        && path.getParent().getFileName().toString().startsWith("chk-");
  }

  private static FileTime modified(Path path) {
    try {
      return Files.getLastModifiedTime(path);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
