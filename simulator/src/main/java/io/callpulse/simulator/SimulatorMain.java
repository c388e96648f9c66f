package io.callpulse.simulator;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code callpulse-simulator.jar}: generate Agora NCS traffic and its truth. */
@Command(
    name = "callpulse-simulator",
    mixinStandardHelpOptions = true,
    version = "callpulse-simulator 0.1.0",
    description =
        "Simulates Agora tenants, sends their NCS webhooks with Agora's delivery faults, and"
            + " computes the figures the pipeline must report.",
    subcommands = {
      RunCommand.class,
      ExpectedCommand.class,
      EventsCommand.class,
      CompareCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (compare: every asserted figure matches)",
      "1:compare: a figure differs or is missing",
      "2:invalid command line",
      "3:run: some notifications were not accepted after retries",
      "4:I/O, connection or unexpected error"
    })
public final class SimulatorMain {
  private SimulatorMain() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(SimulatorMain.class);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          cmd.getErr().println("error: " + exception);
          return ExitCodes.ERROR;
        });
    return commandLine;
  }
}
