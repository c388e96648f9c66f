package io.callpulse.simulator;

import io.callpulse.simulator.delivery.Delivery;
import io.callpulse.simulator.oracle.ExpectedJson;
import io.vertx.core.json.JsonObject;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The delivered notifications as JSON lines, in sending order, for tests and benchmarks that fill
 * Kafka without the gateway.
 */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = {
      "Write the delivered notification bodies as JSON lines (faults applied, lost events left"
          + " out).",
      "envelope: {\"app_id\":…,\"notice_id\":…,\"body\":\"<exact body, as a JSON string>\"};"
          + " body: the raw body itself, one per line."
    })
final class EventsCommand implements Callable<Integer> {
  enum Format {
    envelope,
    body
  }

  @Mixin ScenarioOptions scenario;
  @Mixin FaultSwitches faults;

  @Option(
      names = {"-o", "--out"},
      description = "Output file (default standard output).")
  Path out;

  @Option(
      names = "--format",
      defaultValue = "envelope",
      description = "envelope or body (default ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--expected-out", description = "Also write the expected figures here.")
  Path expectedOut;

  @Override
  public Integer call() throws Exception {
    Scenario built = Scenario.build(scenario.shape(), faults.options());
    try (Writer writer = Output.open(out)) {
      for (Delivery delivery : built.plan().deliveries()) {
        writer.write(line(delivery, format));
        writer.write('\n');
      }
    }
    if (expectedOut != null) {
      try (Writer writer = Output.open(expectedOut)) {
        writer.write(ExpectedJson.toJson(built.expected()).encodePrettily());
        writer.write('\n');
      }
    }
    return ExitCodes.OK;
  }

  static String line(Delivery delivery, Format format) {
    String body = new String(delivery.body(), StandardCharsets.UTF_8);
    if (format == Format.body) {
      return body;
    }
    return new JsonObject()
        .put("app_id", delivery.appId())
        .put("notice_id", delivery.noticeId())
        .put("body", body)
        .encode();
  }
}
