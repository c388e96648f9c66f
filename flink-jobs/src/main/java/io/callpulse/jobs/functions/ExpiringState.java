package io.callpulse.jobs.functions;

import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;

/** The state TTL of the job's "remember for a while" states: a write restarts the clock. */
final class ExpiringState {
  private ExpiringState() {}

  static StateTtlConfig afterLastWrite(Duration ttl) {
    return StateTtlConfig.newBuilder(ttl)
        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
        .build();
  }
}
