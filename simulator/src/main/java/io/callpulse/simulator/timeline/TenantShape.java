package io.callpulse.simulator.timeline;

import java.util.List;

/**
 * The knobs of the tenant model. Same shape and seed, same timeline.
 *
 * @param startTs first second of simulated time (Unix seconds, UTC)
 * @param durationSeconds how much simulated time the timeline covers
 * @param appIds the apps' ids when they must match a gateway's configuration; empty = generated
 *     from the seed. When given, their number is the number of apps.
 */
public record TenantShape(
    long seed,
    int apps,
    int channelsPerApp,
    long startTs,
    long durationSeconds,
    List<String> appIds) {
  /** Shorter than this a channel has no room for an epoch. */
  static final long MIN_DURATION_SECONDS = 300;

  public TenantShape {
    appIds = List.copyOf(appIds);
    if (!appIds.isEmpty()) {
      apps = appIds.size();
    }
    if (apps < 1 || channelsPerApp < 1) {
      throw new IllegalArgumentException("need at least one app and one channel");
    }
    if (durationSeconds < MIN_DURATION_SECONDS) {
      throw new IllegalArgumentException(
          "duration must be at least " + MIN_DURATION_SECONDS + " s, was " + durationSeconds);
    }
  }

  public TenantShape(long seed, int apps, int channelsPerApp, long startTs, long durationSeconds) {
    this(seed, apps, channelsPerApp, startTs, durationSeconds, List.of());
  }

  public long endTs() {
    return startTs + durationSeconds;
  }
}
