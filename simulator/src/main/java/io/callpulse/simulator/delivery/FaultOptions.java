package io.callpulse.simulator.delivery;

/**
 * How badly Agora delivers (agora-ncs.md §3). Rates are per true event (or per epoch for the
 * destroy faults); counts are per app.
 *
 * @param duplicateRate resend with the same noticeId
 * @param redundantRate a second copy with a new noticeId
 * @param reorderRate an extra delay of up to {@code reorderWindowMs}, so later events overtake it
 * @param lostJoinRate a join whose delivery and all retries failed: never arrives
 * @param lostLeaveRate a leave that never arrives
 * @param destroyBeforeLastLeaveRate per epoch: its 102 arrives before its last leave
 * @param extraDestroyRate per epoch: one or two more 102 with other lastUids
 * @param healthChecksPerApp console "test webhook" notifications (channel test_webhook)
 * @param otherProductsPerApp notifications of productId 17 and 3
 */
public record FaultOptions(
    double duplicateRate,
    double redundantRate,
    double reorderRate,
    long reorderWindowMs,
    double lostJoinRate,
    double lostLeaveRate,
    double destroyBeforeLastLeaveRate,
    double extraDestroyRate,
    int healthChecksPerApp,
    int otherProductsPerApp) {

  public FaultOptions {
    for (double rate :
        new double[] {
          duplicateRate,
          redundantRate,
          reorderRate,
          lostJoinRate,
          lostLeaveRate,
          destroyBeforeLastLeaveRate,
          extraDestroyRate
        }) {
      if (rate < 0 || rate > 1) {
        throw new IllegalArgumentException("fault rates are probabilities in [0, 1], got " + rate);
      }
    }
    if (reorderWindowMs < 0 || healthChecksPerApp < 0 || otherProductsPerApp < 0) {
      throw new IllegalArgumentException("fault window and counts must not be negative");
    }
  }

  public static FaultOptions none() {
    return new FaultOptions(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** What a run does unless told otherwise: every fault, rarely. */
  public static FaultOptions defaults() {
    return new FaultOptions(0.02, 0.01, 0.05, 20_000, 0.01, 0.01, 0.2, 0.1, 2, 3);
  }
}
