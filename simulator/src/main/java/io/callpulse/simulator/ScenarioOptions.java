package io.callpulse.simulator;

import io.callpulse.simulator.timeline.TenantShape;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that decide the true timeline; shared by every generating subcommand. */
final class ScenarioOptions {
  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed; same seed and options, same bytes (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--apps",
      defaultValue = "2",
      description = "Number of apps (tenants), ignored with --app-id (default ${DEFAULT-VALUE}).")
  int apps;

  @Option(
      names = "--app-id",
      description =
          "Use this app id instead of a generated one (repeatable), e.g. the ones the gateway"
              + " has secrets for.")
  List<String> appIds = new ArrayList<>();

  @Option(
      names = "--channels",
      defaultValue = "10",
      description = "Channels per app (default ${DEFAULT-VALUE}).")
  int channels;

  @Option(
      names = "--duration",
      defaultValue = "2h",
      converter = DurationConverter.class,
      description = "Simulated time span: 90s, 30m, 2h, 1d or ISO PT2H (default ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--start",
      description =
          "First simulated second: ISO instant (2024-05-01T23:00:00Z) or Unix seconds. Default:"
              + " half the duration before the last UTC midnight, so the run crosses a day"
              + " boundary. Give it explicitly for byte-identical reruns.")
  String start;

  TenantShape shape() {
    return new TenantShape(seed, apps, channels, startTs(), duration.toSeconds(), appIds);
  }

  long startTs() {
    if (start == null) {
      Instant midnight = Instant.now().truncatedTo(ChronoUnit.DAYS);
      return midnight.getEpochSecond() - duration.toSeconds() / 2;
    }
    if (start.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(start);
    }
    return Instant.parse(start).getEpochSecond();
  }
}
