package io.callpulse.simulator.compare;

/** A channel of an app; channels of different apps are unrelated even with equal names. */
public record ChannelKey(String appId, String channelName) implements Comparable<ChannelKey> {
  @Override
  public int compareTo(ChannelKey other) {
    int byApp = appId.compareTo(other.appId);
    return byApp != 0 ? byApp : channelName.compareTo(other.channelName);
  }

  @Override
  public String toString() {
    return appId + "/" + channelName;
  }
}
