package io.callpulse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The Dockerfiles under docker/: multi-stage Maven builds of the module they package, pinned base
 * images, an unprivileged final user, and jar names and main classes that agree with the modules'
 * poms (so a renamed artifact breaks this test, not a release).
 */
class DockerfilesTest {

  record Packaged(String dockerfile, String module, String jar, String mainClass) {
    Path path() {
      return Repository.dockerDir().resolve(dockerfile);
    }

    @Override
    public String toString() {
      return dockerfile;
    }
  }

  static List<Packaged> images() {
    return List.of(
        new Packaged(
            "gateway.Dockerfile",
            "ingress-gateway",
            "callpulse-gateway.jar",
            "io.callpulse.gateway.GatewayMain"),
        new Packaged(
            "flink-job.Dockerfile",
            "flink-jobs",
            "callpulse-flink-jobs.jar",
            "io.callpulse.jobs.ChannelAnalyticsJob"),
        new Packaged(
            "simulator.Dockerfile",
            "simulator",
            "callpulse-simulator.jar",
            "io.callpulse.simulator.SimulatorMain"),
        new Packaged(
            "notifier.Dockerfile",
            "notifier",
            "callpulse-notifier.jar",
            "io.callpulse.notifier.NotifierMain"),
        new Packaged("migrations.Dockerfile", "sinks", null, "io.callpulse.sinks.MigratorMain"));
  }

  @ParameterizedTest
  @MethodSource("images")
  void buildsTheModuleWithMavenInAPinnedBuildStage(Packaged image) {
    Dockerfiles file = Dockerfiles.read(image.path());
    assertTrue(file.stages().size() >= 2, "not a multi-stage build");
    Dockerfiles.Stage build = file.stages().get(0);
    assertTrue(build.image().startsWith("maven:3.9"), build.image());
    assertTrue(build.image().contains("eclipse-temurin-17"), build.image());
    String mvn =
        build.instructions().stream().filter(l -> l.contains("mvn ")).findFirst().orElse("");
    assertTrue(mvn.contains("-pl " + image.module() + " -am package"), mvn);
    assertTrue(mvn.contains("-DskipTests"), mvn);
    for (Dockerfiles.Stage stage : file.stages()) {
      assertTrue(Dockerfiles.isPinned(stage.image()), stage.image() + " is not pinned");
    }
  }

  @ParameterizedTest
  @MethodSource("images")
  void runsAsAnUnprivilegedUser(Packaged image) {
    String user = Dockerfiles.read(image.path()).last().user();
    assertNotNull(user, image + " never sets USER: it would run as root");
    assertFalse(Set.of("root", "0", "0:0", "root:root").contains(user), image + " runs as " + user);
  }

  @ParameterizedTest
  @MethodSource("images")
  void copiesTheJarTheModuleBuildsAndItsMainClassMatches(Packaged image) throws Exception {
    Document pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Repository.root().resolve(image.module()).resolve("pom.xml").toFile());
    String instructions = String.join("\n", Dockerfiles.read(image.path()).last().instructions());
    if (image.jar() != null) {
      assertEquals(image.jar(), text(pom, "finalName") + ".jar", image.module() + " finalName");
      assertEquals(image.mainClass(), text(pom, "mainClass"), image.module() + " mainClass");
      assertTrue(
          instructions.contains("/src/" + image.module() + "/target/" + image.jar()),
          image + " does not copy " + image.jar());
    } else {
      assertTrue(
          instructions.contains(image.mainClass()), image + " does not run " + image.mainClass());
      String source = image.mainClass().replace('.', '/') + ".java";
      assertTrue(
          Files.isRegularFile(
              Repository.root().resolve(image.module()).resolve("src/main/java").resolve(source)),
          image.mainClass() + " is not in " + image.module());
    }
  }

  @ParameterizedTest
  @MethodSource("images")
  void entryPointsUseTheExecFormSoJavaReceivesSigterm(Packaged image) {
    for (String line : Dockerfiles.read(image.path()).last().instructions()) {
      if (line.startsWith("ENTRYPOINT ") || line.startsWith("CMD ")) {
        assertTrue(line.substring(line.indexOf(' ') + 1).startsWith("["), image + ": " + line);
      }
    }
  }

  @Test
  void theNotifierImageRunsOnEtcCallpulseNotifierYamlAndChecksItsLiveness() {
    List<String> last =
        Dockerfiles.read(Repository.dockerDir().resolve("notifier.Dockerfile"))
            .last()
            .instructions();
    assertTrue(
        last.contains("CMD [\"run\", \"--config\", \"/etc/callpulse/notifier.yaml\"]"),
        last.toString());
    assertTrue(last.contains("EXPOSE 8090"), last.toString());
    String check =
        last.stream().filter(l -> l.startsWith("HEALTHCHECK ")).findFirst().orElse("(none)");
    // liveness, not /ready: the notifier waits for ClickHouse on purpose and must not be killed
    assertTrue(check.contains("curl -fsS") && check.contains("/health"), check);
    assertTrue(
        last.stream()
            .anyMatch(
                l -> l.startsWith("RUN ") && l.contains("install -y --no-install-recommends curl")),
        "curl is needed by the health check: " + last);
  }

  @Test
  void theFlinkImageIsTheOfficialOneWithTheJarInUsrlib() {
    Dockerfiles file = Dockerfiles.read(Repository.dockerDir().resolve("flink-job.Dockerfile"));
    assertTrue(file.last().image().startsWith("flink:1.20"), file.last().image());
    assertTrue(file.last().image().endsWith("java17"), file.last().image());
    assertTrue(
        String.join("\n", file.last().instructions())
            .contains("/opt/flink/usrlib/callpulse-flink-jobs.jar"));
  }

  @Test
  void buildContextsKeepEveryModulePomAndLeaveBuildOutputOut() throws Exception {
    Document root =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Repository.root().resolve("pom.xml").toFile());
    NodeList modules = root.getElementsByTagName("module");
    List<Path> ignoreFiles;
    try (var files = Files.list(Repository.dockerDir())) {
      ignoreFiles = files.filter(p -> p.toString().endsWith(".dockerignore")).sorted().toList();
    }
    assertEquals(images().size(), ignoreFiles.size(), "one .dockerignore per Dockerfile");
    Set<String> contents = new java.util.HashSet<>();
    for (Path file : ignoreFiles) {
      List<String> patterns = patterns(file);
      contents.add(String.join("\n", patterns));
      assertTrue(patterns.contains("**/target"), file + " sends build output to the daemon");
      assertTrue(patterns.contains(".git"), file + " sends .git to the daemon");
      List<String> dropped = new ArrayList<>();
      for (int i = 0; i < modules.getLength(); i++) {
        String module = modules.item(i).getTextContent().trim();
        if (patterns.contains(module) || patterns.contains(module + "/")) {
          dropped.add(module);
        }
      }
      assertTrue(dropped.isEmpty(), file + " drops modules Maven needs: " + dropped);
    }
    assertEquals(1, contents.size(), "the .dockerignore files differ");
  }

  private static List<String> patterns(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .collect(Collectors.toList());
  }

  private static String text(Document pom, String tag) {
    NodeList nodes = pom.getElementsByTagName(tag);
    assertEquals(1, nodes.getLength(), "expected one <" + tag + ">");
    return nodes.item(0).getTextContent().trim();
  }
}
