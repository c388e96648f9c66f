package io.callpulse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * helm/callpulse: lint, render with the default values and with ci/full-values.yaml (every option
 * on), and validate every rendered manifest against the Kubernetes API and the CRDs.
 */
class HelmChartTest {
  private static Path chart;
  private static Helm helm;
  private static KubernetesSchemas schemas;

  @BeforeAll
  static void copyChart() {
    chart = ChartCopy.ofRepository("chart");
    helm = new Helm(chart);
    schemas = new KubernetesSchemas();
  }

  private static String fullValues() {
    return chart.resolve("ci/full-values.yaml").toString();
  }

  @Test
  void lintsStrictWithDefaultAndFullValues() {
    Command.Result defaults = helm.lintStrict();
    assertTrue(defaults.ok(), defaults.output());
    Command.Result full = helm.lintStrict("-f", fullValues());
    assertTrue(full.ok(), full.output());
  }

  @Test
  void everyManifestRenderedWithDefaultValuesIsValid() {
    List<JsonNode> manifests = Manifests.parse(helm.render());
    assertValid(manifests);
    assertEquals(
        Set.of(
            "ConfigMap",
            "Deployment",
            "Service",
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget",
            "FlinkDeployment",
            "Job"),
        kinds(manifests));
  }

  @Test
  void everyManifestRenderedWithFullValuesIsValid() {
    List<JsonNode> manifests = Manifests.parse(helm.render("-f", fullValues()));
    assertValid(manifests);
    Set<String> kinds = kinds(manifests);
    assertTrue(kinds.containsAll(Set.of("Ingress", "ServiceMonitor")), kinds.toString());
    assertFalse(kinds.contains("HorizontalPodAutoscaler"), "autoscaling is off in full-values");
    JsonNode ingress = Manifests.single(manifests, "Ingress").orElseThrow();
    assertEquals("ncs-example-com-tls", ingress.at("/spec/tls/0/secretName").asText());
  }

  @Test
  void aTypoInTheValuesIsRejected() {
    Command.Result typo = helm.template("--set", "gateway.replicaCout=3");
    assertFalse(typo.ok(), "helm accepted an unknown values key");
    assertTrue(typo.output().contains("replicaCout"), typo.output());
    Command.Result badMode = helm.template("--set", "flink.upgradeMode=savepiont");
    assertFalse(badMode.ok(), "helm accepted an unknown upgrade mode");
  }

  @Test
  void requiredExternalEndpointsMustBeSet() {
    Command.Result noKafka = helm.template("--set", "kafka.bootstrap=");
    assertFalse(noKafka.ok(), "rendered without a Kafka bootstrap");
    Command.Result noSecret = helm.template("--set", "gateway.existingSecret=");
    assertFalse(noSecret.ok(), "rendered without the app secrets Secret");
    Command.Result noSubscriptionSecrets =
        helm.template("--set", "notifier.enabled=true", "--set", "notifier.existingSecret=");
    assertFalse(noSubscriptionSecrets.ok(), "rendered the notifier without its Secret");
    Command.Result noTopic =
        helm.template("--set", "notifier.enabled=true", "--set", "kafka.topics.notifications=");
    assertFalse(noTopic.ok(), "rendered the notifier without a notifications topic");
  }

  @Test
  void theValidatorRejectsAnUnknownField() {
    // proves the check can fail: a Deployment with a misspelt field, as a template typo would make
    // it
    List<JsonNode> manifests = Manifests.parse(helm.render());
    JsonNode deployment = Manifests.single(manifests, "Deployment").orElseThrow().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) deployment.get("spec")).put("replica", 2);
    assertFalse(schemas.problems(deployment).isEmpty(), "unknown Deployment field accepted");
    JsonNode flink = Manifests.single(manifests, "FlinkDeployment").orElseThrow().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) flink.at("/spec/job")).put("paralelism", 2);
    assertFalse(schemas.problems(flink).isEmpty(), "unknown FlinkDeployment field accepted");
  }

  @Test
  void flinkJobRunsOnRocksDbWithIncrementalCheckpointsSavepointUpgradesAndHa() {
    JsonNode flink =
        Manifests.single(
                Manifests.parse(helm.render("--set", "flink.parallelism=6")), "FlinkDeployment")
            .orElseThrow();
    JsonNode conf = flink.at("/spec/flinkConfiguration");
    assertEquals("rocksdb", conf.path("state.backend.type").asText());
    assertEquals("true", conf.path("state.backend.incremental").asText());
    assertEquals("HEAP", conf.path("state.backend.rocksdb.timer-service.factory").asText());
    assertEquals("true", conf.path("state.backend.rocksdb.use-bloom-filter").asText());
    assertEquals("kubernetes", conf.path("high-availability.type").asText());
    assertTrue(conf.path("state.checkpoints.dir").asText().startsWith("s3://"));
    assertEquals("savepoint", flink.at("/spec/job/upgradeMode").asText());
    assertEquals(6, flink.at("/spec/job/parallelism").asInt());
    assertEquals("v1_20", flink.at("/spec/flinkVersion").asText());
    assertEquals(
        "local:///opt/flink/usrlib/callpulse-flink-jobs.jar",
        flink.at("/spec/job/jarURI").asText());
  }

  @Test
  void theFlinkJobGetsOnlyOptionsItKnowsWithEveryTopic() throws Exception {
    for (String[] values : List.of(new String[0], new String[] {"-f", fullValues()})) {
      JsonNode flink =
          Manifests.single(Manifests.parse(helm.render(values)), "FlinkDeployment").orElseThrow();
      List<String> used = JobArguments.assertKnown(flink.at("/spec/job/args"));
      assertTrue(
          used.containsAll(
              List.of("bootstrap-servers", "topic", "dead-letter-topic", "notifications-topic")),
          used.toString());
    }
  }

  @Test
  void migrationsRunAsAPreInstallAndPreUpgradeHook() {
    JsonNode job = Manifests.single(Manifests.parse(helm.render()), "Job").orElseThrow();
    assertEquals("pre-install,pre-upgrade", job.at("/metadata/annotations/helm.sh~1hook").asText());
    List<String> args = new ArrayList<>();
    job.at("/spec/template/spec/containers/0/args").forEach(a -> args.add(a.asText()));
    assertTrue(args.contains("--password-env"), args.toString());
    assertFalse(String.join(" ", args).contains("password="), "a password on the command line");
  }

  @Test
  void gatewayTakesAppSecretsFromTheExistingSecretAndProbesHealthAndReady() {
    JsonNode deployment =
        Manifests.single(
                Manifests.parse(helm.render("--set", "gateway.existingSecret=my-apps")),
                "Deployment")
            .orElseThrow();
    JsonNode container = deployment.at("/spec/template/spec/containers/0");
    assertEquals("my-apps", container.at("/envFrom/0/secretRef/name").asText());
    assertEquals("/health", container.at("/livenessProbe/httpGet/path").asText());
    assertEquals("/ready", container.at("/readinessProbe/httpGet/path").asText());
  }

  @Test
  void theNotifierIsOffByDefault() {
    assertTrue(
        Manifests.parse(helm.render()).stream().noneMatch(m -> name(m).endsWith("-notifier")),
        "the notifier needs subscriptions: it must be enabled explicitly");
  }

  @Test
  void notifierUsesTheChartsKafkaAndClickHouseAndItsSecretsFromTheExistingSecret()
      throws IOException {
    List<JsonNode> manifests = Manifests.parse(helm.render("-f", fullValues()));
    JsonNode deployment = named(manifests, "Deployment", "-notifier");
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");
    assertEquals("callpulse-partners", container.at("/envFrom/0/secretRef/name").asText());
    assertEquals(
        "callpulse-clickhouse", container.at("/env/0/valueFrom/secretKeyRef/name").asText());
    assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
    assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
    assertEquals("run", container.at("/args/0").asText());
    assertEquals("/etc/callpulse/notifier.yaml", container.at("/args/2").asText());
    assertEquals("/etc/callpulse", container.at("/volumeMounts/0/mountPath").asText());
    assertFalse(container.at("/volumeMounts/0").has("subPath"), "a subPath never reloads");

    String text = named(manifests, "ConfigMap", "-notifier").at("/data/notifier.yaml").asText();
    JsonNode config = Manifests.YAML.readTree(text);
    assertEquals(List.of(), NotifierConfigKeys.unknownKeys(config));
    assertEquals(
        "my-cluster-kafka-bootstrap.kafka:9092,my-cluster-kafka-1.kafka:9092",
        config.at("/kafka/bootstrapServers").asText());
    assertEquals("callpulse.notifications", config.at("/kafka/topic").asText());
    // the notifier speaks ClickHouse's HTTP interface, not JDBC
    assertEquals(
        "https://clickhouse-callpulse.clickhouse:8443/", config.at("/clickhouse/url").asText());
    // the password is read from the pod's environment by name, never pasted into the ConfigMap
    assertFalse(config.at("/clickhouse").has("password"), text);
    assertEquals("CALLPULSE_CLICKHOUSE_PASSWORD", config.at("/clickhouse/passwordEnv").asText());
    assertEquals("CALLPULSE_CLICKHOUSE_PASSWORD", container.at("/env/0/name").asText());
    assertTrue(NotifierConfigKeys.variables(text).contains("ACME_CRM_SECRET"), text);
  }

  @Test
  void notifierIsProbedOnItsOpsPortAndScrapedThroughItsService() {
    List<JsonNode> manifests = Manifests.parse(helm.render("-f", fullValues()));
    JsonNode container =
        named(manifests, "Deployment", "-notifier").at("/spec/template/spec/containers/0");
    assertEquals("ops", container.at("/ports/0/name").asText());
    int opsPort = container.at("/ports/0/containerPort").asInt();
    String text = named(manifests, "ConfigMap", "-notifier").at("/data/notifier.yaml").asText();
    JsonNode config;
    try {
      config = Manifests.YAML.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertEquals(opsPort, config.at("/ops/port").asInt(), text);
    assertEquals("0.0.0.0", config.at("/ops/host").asText(), text);
    assertEquals("/health", container.at("/livenessProbe/httpGet/path").asText());
    assertEquals("ops", container.at("/livenessProbe/httpGet/port").asText());
    assertEquals(40, container.at("/livenessProbe/initialDelaySeconds").asInt());
    assertEquals("/ready", container.at("/readinessProbe/httpGet/path").asText());
    assertEquals("ops", container.at("/readinessProbe/httpGet/port").asText());
    assertEquals(6, container.at("/readinessProbe/failureThreshold").asInt());

    JsonNode service = named(manifests, "Service", "-notifier");
    assertEquals(9090, service.at("/spec/ports/0/port").asInt());
    assertEquals("ops", service.at("/spec/ports/0/targetPort").asText());
    assertTrue(
        service.at("/spec/publishNotReadyAddresses").asBoolean(), "scrape a waiting notifier");
    assertEquals("notifier", service.at("/spec/selector/app.kubernetes.io~1component").asText());

    JsonNode monitor = named(manifests, "ServiceMonitor", "-notifier");
    assertEquals("ops", monitor.at("/spec/endpoints/0/port").asText());
    assertEquals("/metrics", monitor.at("/spec/endpoints/0/path").asText());
    assertEquals("15s", monitor.at("/spec/endpoints/0/interval").asText());
    assertEquals("kube-prometheus", monitor.at("/metadata/labels/release").asText());

    List<JsonNode> withoutMonitor =
        Manifests.parse(
            helm.render("-f", fullValues(), "--set", "notifier.serviceMonitor.enabled=false"));
    assertTrue(
        withoutMonitor.stream()
            .noneMatch(
                m ->
                    m.path("kind").asText().equals("ServiceMonitor")
                        && name(m).endsWith("-notifier")),
        "ServiceMonitor rendered while disabled");
  }

  @Test
  void aSubscriptionSecretWrittenInTheValuesIsRejected() {
    Command.Result clear =
        helm.template(
            "-f",
            fullValues(),
            "--set",
            "notifier.config.subscriptions[0].secrets[0]=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    assertFalse(clear.ok(), "a secret in clear was accepted in the values");
    Command.Result http =
        helm.template(
            "-f", fullValues(), "--set", "notifier.config.subscriptions[0].url=http://crm.example");
    assertFalse(http.ok(), "a plain http partner URL was accepted");
  }

  @Test
  void eachDashboardBecomesAConfigMapLabelledForTheGrafanaSidecar(@TempDir Path dashboards)
      throws IOException {
    Files.writeString(dashboards.resolve("channel_overview.json"), "{\"title\":\"Channels\"}");
    Files.writeString(dashboards.resolve("ingest.json"), "{\"title\":\"Ingest\"}");
    Path withFixtures = ChartCopy.with("chart-dashboards", dashboards);
    List<JsonNode> maps =
        Manifests.ofKind(Manifests.parse(new Helm(withFixtures).render()), "ConfigMap").stream()
            .filter(m -> m.at("/metadata/labels/grafana_dashboard").asText().equals("1"))
            .toList();
    assertEquals(2, maps.size(), maps.toString());
    assertEquals(
        "{\"title\":\"Channels\"}", maps.get(0).at("/data/channel_overview.json").asText());
  }

  @Test
  void theRepositoryDashboardsAreAllPackaged() throws IOException {
    List<Path> files = ChartCopy.dashboards(Repository.root().resolve("grafana/dashboards"));
    long labelled =
        Manifests.ofKind(Manifests.parse(helm.render()), "ConfigMap").stream()
            .filter(m -> m.at("/metadata/labels/grafana_dashboard").asText().equals("1"))
            .count();
    assertEquals(files.size(), labelled, "one ConfigMap per grafana/dashboards/*.json");
  }

  @Test
  void theChartDashboardsFolderLinksToGrafanaDashboards() throws IOException {
    Path link = Repository.chart().resolve("dashboards");
    assertTrue(Files.isSymbolicLink(link), link + " must be a link to grafana/dashboards");
    assertEquals(Path.of("../../grafana/dashboards"), Files.readSymbolicLink(link));
  }

  private static void assertValid(List<JsonNode> manifests) {
    assertFalse(manifests.isEmpty(), "nothing rendered");
    List<String> problems = new ArrayList<>();
    manifests.forEach(m -> problems.addAll(schemas.problems(m)));
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  private static String name(JsonNode manifest) {
    return manifest.at("/metadata/name").asText();
  }

  private static JsonNode named(List<JsonNode> manifests, String kind, String suffix) {
    return Manifests.ofKind(manifests, kind).stream()
        .filter(m -> name(m).endsWith(suffix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " *" + suffix));
  }

  private static Set<String> kinds(List<JsonNode> manifests) {
    Set<String> kinds = new TreeSet<>();
    manifests.forEach(m -> kinds.add(Manifests.kind(m)));
    return kinds;
  }
}
