package io.callpulse.gateway.bench;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** What one rate step measured. */
record StepResult(
    int targetPerSecond,
    double achievedPerSecond,
    long ok,
    long errors,
    long skipped,
    double p50Ms,
    double p99Ms,
    double p999Ms,
    double maxMs,
    double[] p99BySecondMs) {

  double errorRatio() {
    long total = ok + errors + skipped;
    return total == 0 ? 1 : (double) (errors + skipped) / total;
  }

  String line() {
    return String.format(
        Locale.ROOT,
        "target %6d/s  achieved %8.0f/s  ok %8d  errors %6d  skipped %6d  p50 %7.2f ms  p99 %7.2f ms"
            + "  p99.9 %7.2f ms  max %7.2f ms",
        targetPerSecond,
        achievedPerSecond,
        ok,
        errors,
        skipped,
        p50Ms,
        p99Ms,
        p999Ms,
        maxMs);
  }

  /** The p99 of each second, and how many seconds had one within {@code targetMs}. */
  String timeline(double targetMs) {
    StringBuilder line = new StringBuilder("p99 by second (ms):");
    int within = 0;
    for (double p99 : p99BySecondMs) {
      line.append(String.format(Locale.ROOT, " %.0f", p99));
      within += p99 <= targetMs ? 1 : 0;
    }
    return line.append(
            String.format(
                Locale.ROOT,
                "  (%d of %d seconds at or under %.0f ms)",
                within,
                p99BySecondMs.length,
                targetMs))
        .toString();
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("targetPerSecond", targetPerSecond)
        .put("achievedPerSecond", Math.round(achievedPerSecond))
        .put("ok", ok)
        .put("errors", errors)
        .put("skipped", skipped)
        .put("p50Ms", p50Ms)
        .put("p99Ms", p99Ms)
        .put("p999Ms", p999Ms);
  }
}
