package io.callpulse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml: valid against the compose specification's JSON schema (shipped in the npm
 * package dclint@3.1.0), free of the keys docker-compose 1.29 refuses, and wired as documented
 * (health checks, start order, pinned images). When Debian's docker-compose is installed, its
 * {@code config -q} must accept the file too.
 */
class ComposeFileTest {
  private static final NpmPackage DCLINT =
      new NpmPackage(
          "dclint@3.1.0", "73fc6079a0408c80c7ccea9e9e5c21c40551afaf15e8c1ee25a5ad6af1ec0414");

  /** What the compose file interpolates without a default; dummy values for offline checks. */
  private static final Map<String, String> REQUIRED_ENV =
      Map.of(
          "CALLPULSE_CLICKHOUSE_PASSWORD", "test",
          "CALLPULSE_GRAFANA_CLICKHOUSE_PASSWORD", "test",
          "GRAFANA_ADMIN_PASSWORD", "test",
          "CALLPULSE_DEMO_SECRET", "test");

  private static JsonNode compose;
  private static StrictSchema composeSpec;

  @BeforeAll
  static void load() throws IOException {
    // SnakeYAML resolves anchors, aliases and << merge keys, as compose itself does
    Object tree = new org.yaml.snakeyaml.Yaml().load(Files.readString(Repository.composeFile()));
    compose = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(tree);
    Path schema =
        DCLINT.extract("package/schemas/compose.schema.json", Repository.cache("dclint-3.1.0"));
    composeSpec = StrictSchema.of(Manifests.YAML.readTree(Files.readString(schema)));
  }

  @Test
  void matchesTheComposeSpecification() {
    List<String> problems = composeSpec.problems(compose);
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void theSchemaCheckCanFail() {
    ObjectNode broken = compose.deepCopy();
    ((ObjectNode) broken.at("/services/gateway")).put("helthcheck", "typo");
    assertFalse(composeSpec.problems(broken).isEmpty(), "a misspelt service key was accepted");
  }

  @Test
  void usesNoKeyThatDockerCompose129Refuses() {
    List<String> problems = new ArrayList<>();
    if (compose.has("name")) {
      problems.add("top-level name");
    }
    compose
        .path("services")
        .fields()
        .forEachRemaining(
            service -> {
              JsonNode s = service.getValue();
              if (s.path("pull_policy").asText().equals("missing")) {
                problems.add(service.getKey() + ": pull_policy: missing");
              }
              if (s.path("healthcheck").has("start_interval")) {
                problems.add(service.getKey() + ": healthcheck.start_interval");
              }
              s.path("depends_on")
                  .fields()
                  .forEachRemaining(
                      d -> {
                        if (d.getValue().has("required")) {
                          problems.add(
                              service.getKey() + ": depends_on." + d.getKey() + ".required");
                        }
                      });
            });
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void dockerCompose129AcceptsTheFile() {
    Assumptions.assumeTrue(
        Command.onPath("docker-compose"),
        "docker-compose is not installed: skipping `docker-compose config -q`"
            + " (Debian: apt-get install docker-compose); the JSON-schema check still ran");
    Command.Result result =
        Command.of(
                Repository.root(),
                "docker-compose",
                "-f",
                Repository.composeFile().toString(),
                "config",
                "-q")
            .withEnvironment(REQUIRED_ENV)
            .run();
    assertTrue(result.ok(), result.output());
  }

  @Test
  void servicesStartInOrderAndReportHealth() {
    JsonNode services = compose.path("services");
    for (String name : List.of("kafka", "clickhouse", "jobmanager", "gateway", "grafana")) {
      assertTrue(services.path(name).has("healthcheck"), name + " has no healthcheck");
    }
    assertEquals(
        "service_healthy", services.at("/migrations/depends_on/clickhouse/condition").asText());
    for (String dependant : List.of("jobmanager", "gateway", "notifier")) {
      assertEquals(
          "service_completed_successfully",
          services.at("/" + dependant + "/depends_on/migrations/condition").asText(),
          dependant + " must wait for the migrations");
      assertEquals(
          "service_completed_successfully",
          services.at("/" + dependant + "/depends_on/kafka-topics/condition").asText(),
          dependant + " must wait for the topics");
    }
    assertEquals("simulator", services.at("/simulator/profiles/0").asText());
    assertEquals("notifier", services.at("/notifier/profiles/0").asText());
    assertTrue(
        services
            .at("/grafana/environment/GF_INSTALL_PLUGINS")
            .asText()
            .startsWith("grafana-clickhouse-datasource"));
  }

  @Test
  void imagesArePinnedAndBuildsUseTheProjectDockerfiles() {
    List<String> problems = new ArrayList<>();
    Set<String> built = new java.util.HashSet<>();
    compose
        .path("services")
        .forEach(
            s -> {
              if (s.has("build")) {
                built.add(s.path("image").asText());
              }
            });
    compose
        .path("services")
        .fields()
        .forEachRemaining(
            service -> {
              JsonNode s = service.getValue();
              String image = s.path("image").asText();
              if (!built.contains(image) && !Dockerfiles.isPinned(image)) {
                problems.add(service.getKey() + ": image " + image + " is not pinned to a version");
              }
              String dockerfile = s.path("build").path("dockerfile").asText();
              if (!dockerfile.isEmpty()
                  && !Files.isRegularFile(Repository.root().resolve(dockerfile))) {
                problems.add(service.getKey() + ": " + dockerfile + " does not exist");
              }
            });
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void theNotifierReadsItsMountedConfigWhoseKeysAndVariablesItKnows() throws IOException {
    JsonNode notifier = compose.at("/services/notifier");
    List<String> command = new ArrayList<>();
    notifier.path("command").forEach(c -> command.add(c.asText()));
    assertEquals("run", command.get(0), command.toString());
    Path configFile = Path.of(command.get(command.indexOf("--config") + 1));
    // ${CALLPULSE_NOTIFIER_CONFIG_DIR:-./docker/notifier}:/etc/callpulse:ro
    String[] mount = notifier.at("/volumes/0").asText().split(":(?=/)");
    assertEquals(configFile.getParent().toString(), mount[1].replace(":ro", ""));
    String hostDir = mount[0].replaceAll("^\\$\\{\\w+:-(.*)}$", "$1");
    Path file = Repository.root().resolve(hostDir).resolve(configFile.getFileName()).normalize();
    assertTrue(Files.isRegularFile(file), file + " does not exist");
    String text = Files.readString(file);
    JsonNode config = Manifests.YAML.readTree(text);
    assertEquals(List.of(), NotifierConfigKeys.unknownKeys(config), file.toString());
    assertEquals("kafka:9092", config.at("/kafka/bootstrapServers").asText());
    Set<String> environment = new java.util.TreeSet<>();
    notifier.path("environment").fieldNames().forEachRemaining(environment::add);
    Set<String> unset = new java.util.TreeSet<>(NotifierConfigKeys.variables(text));
    unset.removeAll(environment);
    assertTrue(unset.isEmpty(), "the notifier's environment lacks " + unset);
    // the password is read by name, never pasted into the file
    assertFalse(config.at("/clickhouse").has("password"), text);
    assertTrue(
        environment.contains(config.at("/clickhouse/passwordEnv").asText()),
        "the notifier's environment lacks clickhouse.passwordEnv");
    assertFalse(notifier.has("ports"), "the ops port stays inside the compose network");
    // the health check asks /ready on the port the container configuration binds
    assertEquals("0.0.0.0", config.at("/ops/host").asText());
    List<String> test = new ArrayList<>();
    notifier.at("/healthcheck/test").forEach(t -> test.add(t.asText()));
    assertTrue(
        String.join(" ", test)
            .contains("http://127.0.0.1:" + config.at("/ops/port").asInt() + "/ready"),
        test.toString());
  }

  @Test
  void flinkRunsTheJobInApplicationModeWithRocksDbAndCheckpointsOnAVolume() throws Exception {
    JsonNode jobmanager = compose.at("/services/jobmanager");
    assertEquals(
        "/opt/callpulse/standalone-job-resume.sh", jobmanager.at("/entrypoint/0").asText());
    assertEquals("--bootstrap-servers", jobmanager.at("/command/0").asText());
    assertTrue(JobArguments.assertKnown(jobmanager.at("/command")).contains("notifications-topic"));
    assertEquals("taskmanager", compose.at("/services/taskmanager/command").asText());
    String properties = jobmanager.at("/environment/FLINK_PROPERTIES").asText();
    for (String line :
        Set.of(
            "state.backend.type: rocksdb",
            "state.backend.incremental: true",
            "state.backend.rocksdb.timer-service.factory: HEAP",
            "state.backend.rocksdb.use-bloom-filter: true",
            "state.checkpoints.dir: file:///flink-data/checkpoints")) {
      assertTrue(properties.contains(line), "FLINK_PROPERTIES lacks " + line);
    }
    assertTrue(jobmanager.path("volumes").toString().contains("flink-data:/flink-data"));
    assertTrue(
        compose.at("/services/taskmanager/volumes").toString().contains("flink-data:/flink-data"));
  }
}
