package io.callpulse.simulator;

import io.callpulse.simulator.delivery.DeliveryPlan;
import io.callpulse.simulator.delivery.FaultInjector;
import io.callpulse.simulator.delivery.FaultOptions;
import io.callpulse.simulator.oracle.ExpectedReport;
import io.callpulse.simulator.oracle.Oracle;
import io.callpulse.simulator.timeline.TenantShape;
import io.callpulse.simulator.timeline.TimelineGenerator;
import io.callpulse.simulator.timeline.TrueTimeline;
import java.util.Set;
import java.util.TreeSet;

/** One generated scenario: the truth, what Agora sends of it, and what the pipeline must report. */
public record Scenario(TrueTimeline timeline, DeliveryPlan plan) {

  public static Scenario build(TenantShape shape, FaultOptions faults) {
    TrueTimeline timeline = TimelineGenerator.generate(shape);
    return new Scenario(timeline, FaultInjector.plan(timeline, faults));
  }

  public ExpectedReport expected() {
    return expected(Set.of());
  }

  /**
   * @param alsoLost events lost on top of the planned faults (notifications the gateway never
   *     accepted)
   */
  public ExpectedReport expected(Set<String> alsoLost) {
    Set<String> lost = new TreeSet<>(plan.lostEventKeys());
    lost.addAll(alsoLost);
    return Oracle.expect(timeline, lost, plan.report().toJson());
  }
}
