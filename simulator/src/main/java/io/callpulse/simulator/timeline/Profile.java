package io.callpulse.simulator.timeline;

/** Agora's channel profiles: which join/leave event types a channel's users produce. */
public enum Profile {
  /** Live streaming: hosts 103/104, audiences 105/106, role switches 111/112. */
  LIVE,
  /** Communication: everyone 107/108, everyone counts as host, no role switches. */
  COMMUNICATION
}
