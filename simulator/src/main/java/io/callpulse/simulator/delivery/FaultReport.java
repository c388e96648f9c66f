package io.callpulse.simulator.delivery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What the fault injector did, for the run report and the expected-figures file.
 *
 * @param lostEventKeys the true events that never arrive, sorted
 */
public record FaultReport(
    int trueEvents,
    int deliveries,
    int lostJoins,
    int lostLeaves,
    int duplicates,
    int redundantCopies,
    int reordered,
    int destroyBeforeLastLeave,
    int extraDestroys,
    int healthChecks,
    int otherProducts,
    List<String> lostEventKeys) {

  public FaultReport {
    lostEventKeys = List.copyOf(lostEventKeys);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("true_events", trueEvents)
        .put("deliveries", deliveries)
        .put("lost_joins", lostJoins)
        .put("lost_leaves", lostLeaves)
        .put("duplicates_same_notice_id", duplicates)
        .put("redundant_new_notice_id", redundantCopies)
        .put("reordered", reordered)
        .put("destroy_before_last_leave", destroyBeforeLastLeave)
        .put("extra_destroys", extraDestroys)
        .put("health_checks", healthChecks)
        .put("other_products", otherProducts)
        .put("lost_event_keys", new JsonArray(List.copyOf(lostEventKeys)));
  }

  public String summary() {
    return String.format(
        "true events %d, deliveries %d | lost joins %d, lost leaves %d, duplicates %d,"
            + " redundant %d, reordered %d, 102-before-last-leave %d, extra 102 %d,"
            + " health checks %d, other products %d",
        trueEvents,
        deliveries,
        lostJoins,
        lostLeaves,
        duplicates,
        redundantCopies,
        reordered,
        destroyBeforeLastLeave,
        extraDestroys,
        healthChecks,
        otherProducts);
  }
}
