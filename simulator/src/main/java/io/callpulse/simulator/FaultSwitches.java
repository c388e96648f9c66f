package io.callpulse.simulator;

import io.callpulse.simulator.delivery.FaultOptions;
import picocli.CommandLine.Option;

/**
 * Agora's delivery faults as command-line switches; defaults from {@link FaultOptions#defaults}.
 */
final class FaultSwitches {
  private static final FaultOptions DEFAULTS = FaultOptions.defaults();

  @Option(names = "--no-faults", description = "Deliver every event exactly once, in order.")
  boolean none;

  @Option(
      names = "--duplicate-rate",
      description = "Resends with the same noticeId, per event (default 0.02).")
  double duplicateRate = DEFAULTS.duplicateRate();

  @Option(
      names = "--redundant-rate",
      description = "Copies with a new noticeId, per event (default 0.01).")
  double redundantRate = DEFAULTS.redundantRate();

  @Option(
      names = "--reorder-rate",
      description = "Events delayed so later ones overtake them (default 0.05).")
  double reorderRate = DEFAULTS.reorderRate();

  @Option(
      names = "--reorder-window-ms",
      description = "Largest extra delay of a reordered event (default 20000).")
  long reorderWindowMs = DEFAULTS.reorderWindowMs();

  @Option(
      names = "--lost-join-rate",
      description = "Joins that never arrive, retries included (default 0.01).")
  double lostJoinRate = DEFAULTS.lostJoinRate();

  @Option(
      names = "--lost-leave-rate",
      description = "Leaves that never arrive, retries included (default 0.01).")
  double lostLeaveRate = DEFAULTS.lostLeaveRate();

  @Option(
      names = "--destroy-first-rate",
      description = "Epochs whose 102 arrives before their last leave (default 0.2).")
  double destroyFirstRate = DEFAULTS.destroyBeforeLastLeaveRate();

  @Option(
      names = "--extra-destroy-rate",
      description = "Epochs with one or two more 102 naming other lastUids (default 0.1).")
  double extraDestroyRate = DEFAULTS.extraDestroyRate();

  @Option(
      names = "--health-checks",
      description = "Console health checks (channel test_webhook) per app (default 2).")
  int healthChecks = DEFAULTS.healthChecksPerApp();

  @Option(
      names = "--other-products",
      description = "Notifications of productId 17 and 3 per app (default 3).")
  int otherProducts = DEFAULTS.otherProductsPerApp();

  FaultOptions options() {
    if (none) {
      return FaultOptions.none();
    }
    return new FaultOptions(
        duplicateRate,
        redundantRate,
        reorderRate,
        reorderWindowMs,
        lostJoinRate,
        lostLeaveRate,
        destroyFirstRate,
        extraDestroyRate,
        healthChecks,
        otherProducts);
  }
}
