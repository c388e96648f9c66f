package io.callpulse.simulator.timeline;

import java.util.List;

/**
 * What really happened in the simulated tenants between {@code startTs} and {@code endTs} (Unix
 * seconds). Everything else (notifications, faults, expected figures) is derived from it.
 */
public record TrueTimeline(TenantShape shape, List<SimApp> apps) {
  public TrueTimeline {
    apps = List.copyOf(apps);
  }
}
