package io.callpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates a rendered manifest against the API its apiVersion/kind names: built-in kinds with the
 * Kubernetes client's generated models (their {@code fromJson} rejects unknown fields, missing
 * required fields and wrong types), FlinkDeployment with the operator's CRD schema, ServiceMonitor
 * with a subset of the Prometheus Operator's CRD. A kind without a validator is a failure, so a new
 * template cannot slip through unchecked.
 */
final class KubernetesSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();

  @FunctionalInterface
  private interface ModelParser {
    void parse(String json) throws IOException;
  }

  private static final Map<String, ModelParser> MODELS =
      Map.ofEntries(
          Map.entry("v1/ConfigMap", V1ConfigMap::fromJson),
          Map.entry("v1/Secret", V1Secret::fromJson),
          Map.entry("v1/Service", V1Service::fromJson),
          Map.entry("v1/ServiceAccount", V1ServiceAccount::fromJson),
          Map.entry("apps/v1/Deployment", V1Deployment::fromJson),
          Map.entry("batch/v1/Job", V1Job::fromJson),
          Map.entry("policy/v1/PodDisruptionBudget", V1PodDisruptionBudget::fromJson),
          Map.entry("autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler::fromJson),
          Map.entry("networking.k8s.io/v1/Ingress", V1Ingress::fromJson),
          Map.entry("rbac.authorization.k8s.io/v1/Role", V1Role::fromJson),
          Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", V1RoleBinding::fromJson));

  private static final String FLINK_DEPLOYMENT = "flink.apache.org/v1beta1/FlinkDeployment";
  private static final String SERVICE_MONITOR = "monitoring.coreos.com/v1/ServiceMonitor";

  private final StrictSchema flinkDeploymentSpec;
  private final StrictSchema serviceMonitor;

  KubernetesSchemas() {
    this.flinkDeploymentSpec = StrictSchema.of(flinkDeploymentSpecSchema());
    this.serviceMonitor =
        StrictSchema.of(resource("/schemas/servicemonitor-v1-subset.schema.json"));
  }

  /** Problems of one manifest, each prefixed with what it is; empty when valid. */
  List<String> problems(JsonNode manifest) {
    String type = manifest.path("apiVersion").asText() + "/" + Manifests.kind(manifest);
    String what = Manifests.describe(manifest) + ": ";
    List<String> problems = new ArrayList<>();
    try {
      String json = JSON.writeValueAsString(manifest);
      ModelParser model = MODELS.get(type);
      if (model != null) {
        model.parse(json);
      } else if (type.equals(FLINK_DEPLOYMENT)) {
        checkCustomResource(manifest, flinkDeploymentSpec, manifest.path("spec"), problems);
      } else if (type.equals(SERVICE_MONITOR)) {
        checkCustomResource(manifest, serviceMonitor, manifest, problems);
      } else {
        problems.add("no validator for " + type + " (add one to KubernetesSchemas)");
      }
    } catch (IOException | RuntimeException e) {
      problems.add(e.getMessage());
    }
    return problems.stream().map(p -> what + p).toList();
  }

  private static void checkCustomResource(
      JsonNode manifest, StrictSchema schema, JsonNode validated, List<String> problems)
      throws IOException {
    V1ObjectMeta.fromJson(JSON.writeValueAsString(manifest.path("metadata")));
    for (String field : iterable(manifest.fieldNames())) {
      if (!List.of("apiVersion", "kind", "metadata", "spec").contains(field)) {
        problems.add("unknown top-level field " + field);
      }
    }
    problems.addAll(schema.problems(validated));
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    return () -> it;
  }

  /** spec of the served v1beta1 version in the operator's CRD, with objects closed. */
  static JsonNode flinkDeploymentSpecSchema() {
    JsonNode crd;
    try (InputStream in =
        KubernetesSchemas.class.getResourceAsStream(
            "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml")) {
      if (in == null) {
        throw new IllegalStateException(
            "the FlinkDeployment CRD is missing from the classpath (flink-kubernetes-operator-api)");
      }
      crd = Manifests.YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (JsonNode version : crd.path("spec").path("versions")) {
      if (version.path("name").asText().equals("v1beta1")
          && version.path("served").asBoolean(true)) {
        JsonNode spec =
            version.path("schema").path("openAPIV3Schema").path("properties").path("spec");
        return StrictSchema.closeObjects(spec.deepCopy());
      }
    }
    throw new IllegalStateException("the FlinkDeployment CRD serves no v1beta1 version");
  }

  private static JsonNode resource(String name) {
    try (InputStream in = KubernetesSchemas.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
