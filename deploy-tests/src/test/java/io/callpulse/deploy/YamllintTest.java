package io.callpulse.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * yamllint (Debian package) on the hand-written YAML: the compose file and the chart's plain YAML
 * (templates are Go templates, not YAML, and are checked rendered by HelmChartTest).
 */
class YamllintTest {

  @Test
  void handWrittenYamlPassesYamllint() {
    Assumptions.assumeTrue(
        Command.onPath("yamllint"),
        "yamllint is not installed: skipping the YAML style check (Debian: apt-get install yamllint)");
    Path root = Repository.root();
    List<String> argv = new ArrayList<>();
    argv.add("yamllint");
    argv.add("--strict");
    argv.add("-c");
    argv.add(root.resolve("deploy-tests/yamllint.yaml").toString());
    for (String file :
        List.of(
            "docker-compose.yml",
            "helm/callpulse/Chart.yaml",
            "helm/callpulse/values.yaml",
            "helm/callpulse/ci/full-values.yaml")) {
      argv.add(root.resolve(file).toString());
    }
    Command.Result result = new Command(List.copyOf(argv), root, java.util.Map.of()).run();
    assertTrue(result.ok(), result.output());
  }
}
