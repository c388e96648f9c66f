package io.callpulse.simulator;

import io.callpulse.simulator.oracle.ExpectedJson;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Only the oracle: the figures a scenario must produce, without sending anything. */
@Command(
    name = "expected",
    mixinStandardHelpOptions = true,
    description = "Generate a scenario and write the oracle's expected figures as JSON.")
final class ExpectedCommand implements Callable<Integer> {
  @Mixin ScenarioOptions scenario;
  @Mixin FaultSwitches faults;

  @Option(
      names = {"-o", "--out"},
      description = "Output file (default standard output).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Scenario built = Scenario.build(scenario.shape(), faults.options());
    try (Writer writer = Output.open(out)) {
      writer.write(ExpectedJson.toJson(built.expected()).encodePrettily());
      writer.write('\n');
    }
    return ExitCodes.OK;
  }
}
