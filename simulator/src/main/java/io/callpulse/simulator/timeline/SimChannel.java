package io.callpulse.simulator.timeline;

import java.util.List;

/** A channel of one app and all its epochs, in time order, never overlapping. */
public record SimChannel(String appId, String name, Profile profile, List<TrueEpoch> epochs) {
  public SimChannel {
    epochs = List.copyOf(epochs);
  }
}
