package io.callpulse.jobs.functions;

/**
 * What the operator remembers of an epoch it published rows for.
 *
 * @param digest the {@link io.callpulse.jobs.analytics.EpochDigest} its rows were derived from
 * @param finalSince processing time (ms) since which it has been final in event time, or {@link
 *     #NOT_FINAL}
 */
public record EpochMark(String epochId, long digest, long finalSince) {
  public static final long NOT_FINAL = Long.MIN_VALUE;
}
