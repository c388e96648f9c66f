package io.callpulse.simulator;

import io.callpulse.simulator.delivery.Delivery;
import io.callpulse.simulator.oracle.ExpectedJson;
import io.callpulse.simulator.send.SendReport;
import io.callpulse.simulator.send.SenderOptions;
import io.callpulse.simulator.send.WebhookSender;
import io.callpulse.simulator.timeline.SimApp;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Generate, send to the gateway, and write what the pipeline must then report. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a scenario, send its notifications to the gateway like Agora (signed, retried),"
          + " and write the expected figures.",
      "Notifications the gateway never accepted are lost events too: the expected figures are"
          + " computed after sending and account for them."
    })
final class RunCommand implements Callable<Integer> {
  @Mixin ScenarioOptions scenario;
  @Mixin FaultSwitches faults;

  @Spec CommandSpec spec;

  @Option(
      names = "--gateway-url",
      defaultValue = "http://127.0.0.1:8080",
      description =
          "Gateway base URL; posts go to {url}/{appId}/webhooks (default ${DEFAULT-VALUE}).")
  String gatewayUrl;

  @Option(
      names = "--rate",
      defaultValue = "1000",
      description = "Notifications per second, 0 = unlimited (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--connections",
      defaultValue = "16",
      description = "Keep-alive connections = requests in flight (default ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--secret", description = "appId=secret (repeatable): signs that app's requests.")
  Map<String, String> secrets = new LinkedHashMap<>();

  @Option(
      names = "--default-secret",
      description = "Secret for every app without its own --secret.")
  String defaultSecret;

  @Option(
      names = "--retry-base-ms",
      defaultValue = "200",
      description =
          "First retry interval; doubles per retry, at most 3 retries (default ${DEFAULT-VALUE}).")
  long retryBaseMs;

  @Option(
      names = "--timeout-ms",
      defaultValue = "10000",
      description = "Request timeout; Agora's is 10 s (default ${DEFAULT-VALUE}).")
  long timeoutMs;

  @Option(
      names = "--expected-out",
      defaultValue = "expected.json",
      description = "Where to write the expected figures (default ${DEFAULT-VALUE}).")
  Path expectedOut;

  @Option(names = "--no-progress", description = "No progress bar (for logs and CI).")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Scenario built = Scenario.build(scenario.shape(), faults.options());
    List<Delivery> deliveries = built.plan().deliveries();
    out.printf(
        "scenario: seed %d, start %d (use --start %d to rerun byte for byte)%n",
        scenario.seed, built.timeline().shape().startTs(), built.timeline().shape().startTs());
    out.println("apps: " + built.timeline().apps().stream().map(SimApp::appId).toList());
    out.println("faults: " + built.plan().report().summary());
    Map<String, String> appSecrets = secretsFor(built, err);

    SendReport report;
    Vertx vertx = Vertx.vertx();
    try (ProgressBar bar = progressBar(deliveries.size())) {
      IntConsumer onDone = bar == null ? i -> {} : i -> bar.step();
      SenderOptions options =
          new SenderOptions(gatewayUrl, rate, connections, 3, retryBaseMs, timeoutMs, appSecrets);
      report =
          new WebhookSender(vertx, options)
              .send(deliveries, onDone)
              .toCompletionStage()
              .toCompletableFuture()
              .get();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
    out.println(report.format());

    Gone gone = gone(deliveries, report.notAccepted());
    if (!gone.unmodelled().isEmpty()) {
      err.printf(
          "warning: %d channel or role events were never accepted; the expected figures cannot"
              + " account for them, e.g. %s%n",
          gone.unmodelled().size(), gone.unmodelled().stream().limit(5).toList());
    }
    try (Writer writer = Output.open(expectedOut)) {
      writer.write(ExpectedJson.toJson(built.expected(gone.joinsAndLeaves())).encodePrettily());
      writer.write('\n');
    }
    out.println("expected figures: " + expectedOut.toAbsolutePath());
    return report.allAccepted() ? ExitCodes.OK : ExitCodes.NOT_ALL_ACCEPTED;
  }

  private Map<String, String> secretsFor(Scenario built, PrintWriter err) {
    Map<String, String> appSecrets = new LinkedHashMap<>(secrets);
    for (SimApp app : built.timeline().apps()) {
      if (defaultSecret != null) {
        appSecrets.putIfAbsent(app.appId(), defaultSecret);
      }
      if (!appSecrets.containsKey(app.appId())) {
        err.println("warning: no secret for app " + app.appId() + ": its requests are unsigned");
      }
    }
    return appSecrets;
  }

  private ProgressBar progressBar(int max) {
    if (noProgress) {
      return null;
    }
    return new ProgressBarBuilder()
        .setTaskName("deliver")
        .setInitialMax(max)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .showSpeed()
        .build();
  }

  /** Events none of whose copies were accepted: gone, as when Agora's retries all fail. */
  record Gone(Set<String> joinsAndLeaves, Set<String> unmodelled) {}

  static Gone gone(List<Delivery> deliveries, List<Integer> notAccepted) {
    Set<Integer> failed = new HashSet<>(notAccepted);
    Set<String> accepted = new HashSet<>();
    Set<String> candidates = new TreeSet<>();
    for (int i = 0; i < deliveries.size(); i++) {
      String key = deliveries.get(i).eventKey();
      if (key == null) {
        continue;
      }
      if (failed.contains(i)) {
        candidates.add(key);
      } else {
        accepted.add(key);
      }
    }
    candidates.removeAll(accepted);
    Set<String> modelled = new TreeSet<>();
    Set<String> unmodelled = new TreeSet<>();
    for (String key : candidates) {
      (key.endsWith("/join") || key.endsWith("/leave") ? modelled : unmodelled).add(key);
    }
    return new Gone(modelled, unmodelled);
  }
}
