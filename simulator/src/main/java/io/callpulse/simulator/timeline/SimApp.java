package io.callpulse.simulator.timeline;

import java.util.List;

/** An Agora project (tenant) and its channels. */
public record SimApp(String appId, List<SimChannel> channels) {
  public SimApp {
    channels = List.copyOf(channels);
  }
}
