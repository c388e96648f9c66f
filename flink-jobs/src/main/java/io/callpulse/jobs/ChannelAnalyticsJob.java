package io.callpulse.jobs;

/** Placeholder while the topology is written. */
public final class ChannelAnalyticsJob {
  public static void main(String[] args) throws Exception {}
}
