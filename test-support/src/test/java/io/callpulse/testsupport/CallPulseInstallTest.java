package io.callpulse.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallPulseInstallTest {

  @TempDir Path dir;

  @Test
  void findsTheRootAboveAModuleDirectory() throws IOException {
    Path root = fakeRoot();
    Path module = Files.createDirectories(root.resolve("sinks/src"));

    CallPulseInstall install = CallPulseInstall.locate(key -> null, key -> null, module);

    assertEquals(root.toAbsolutePath(), install.root());
  }

  @Test
  void systemPropertyWinsOverEnvironment() throws IOException {
    Path root = fakeRoot();
    Map<String, String> props =
        Map.of(
            CallPulseInstall.CACHE_PROPERTY,
            "/from/property",
            CallPulseInstall.ROOT_PROPERTY,
            root.toString());
    Map<String, String> env = Map.of(CallPulseInstall.CACHE_ENV, "/from/env");

    CallPulseInstall install = CallPulseInstall.locate(props::get, env::get, dir);

    assertEquals(Path.of("/from/property"), install.cache());
  }

  @Test
  void missingKafkaJarsTellWhatToRun() throws IOException {
    Path root = fakeRoot();
    CallPulseInstall install = new CallPulseInstall(dir.resolve("empty-cache"), root);

    IllegalStateException e = assertThrows(IllegalStateException.class, install::kafkaLibs);

    assertTrue(e.getMessage().startsWith("Kafka jars not found in "), e.getMessage());
    assertTrue(e.getMessage().endsWith(": run ./callpulse install"), e.getMessage());
  }

  @Test
  void missingEngineTellsWhatToRun() throws IOException {
    CallPulseInstall install = new CallPulseInstall(dir.resolve("empty-cache"), fakeRoot());

    IllegalStateException e = assertThrows(IllegalStateException.class, install::chdbLibrary);

    assertTrue(e.getMessage().contains("run ./callpulse install"), e.getMessage());
  }

  private Path fakeRoot() throws IOException {
    Path root = Files.createDirectories(dir.resolve("repo"));
    Files.createDirectories(root.resolve("tools"));
    Files.writeString(
        root.resolve("pom.xml"), "<project><artifactId>callpulse-parent</artifactId></project>");
    return root;
  }
}
