package io.callpulse.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** helm lint and helm template on a chart folder, offline. */
final class Helm {
  private final Path chart;

  Helm(Path chart) {
    this.chart = chart;
  }

  Command.Result lintStrict(String... extraArgs) {
    return run(List.of("lint", "--strict", chart.toString()), extraArgs);
  }

  Command.Result template(String... extraArgs) {
    return run(
        List.of("template", "release", chart.toString(), "--namespace", "callpulse"), extraArgs);
  }

  /** Rendered manifests; fails the test with helm's message when rendering fails. */
  String render(String... extraArgs) {
    Command.Result result = template(extraArgs);
    if (!result.ok()) {
      throw new AssertionError("helm template failed:\n" + result.output());
    }
    return result.output();
  }

  private Command.Result run(List<String> args, String... extraArgs) {
    List<String> argv = new ArrayList<>();
    argv.add(HelmBinary.path().toString());
    argv.addAll(args);
    argv.addAll(List.of(extraArgs));
    return new Command(List.copyOf(argv), chart.getParent(), Map.of()).run();
  }
}
