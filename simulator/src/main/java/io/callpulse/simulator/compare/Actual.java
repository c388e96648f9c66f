package io.callpulse.simulator.compare;

import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;

/**
 * What the pipeline reported, in the oracle's shape.
 *
 * @param channels channel → figure name → value (all epochs)
 * @param epochs channel → epoch create ts → figure name → value
 * @param userSeconds channel → uid → seconds
 * @param dailySeconds app → UTC day → seconds
 * @param unavailable why a figure could not be read from this source: keyed by the figure name (for
 *     every subject) or by {@code "<app/channel or app> <figure>"}; such figures are compared as
 *     skipped with that reason, never as a match
 */
public record Actual(
    SortedMap<ChannelKey, Map<String, Long>> channels,
    SortedMap<ChannelKey, SortedMap<Long, Map<String, Long>>> epochs,
    SortedMap<ChannelKey, SortedMap<Long, Long>> userSeconds,
    SortedMap<String, SortedMap<LocalDate, Long>> dailySeconds,
    Map<String, String> unavailable) {

  /** A source that reads every figure (ClickHouse). */
  public Actual(
      SortedMap<ChannelKey, Map<String, Long>> channels,
      SortedMap<ChannelKey, SortedMap<Long, Map<String, Long>>> epochs,
      SortedMap<ChannelKey, SortedMap<Long, Long>> userSeconds,
      SortedMap<String, SortedMap<LocalDate, Long>> dailySeconds) {
    this(channels, epochs, userSeconds, dailySeconds, Map.of());
  }

  /** Why {@code figure} of {@code owner} (a channel key or an app id) was not read, else null. */
  public String whyUnavailable(Object owner, String figure) {
    String reason = unavailable.get(owner + " " + figure);
    return reason != null ? reason : unavailable.get(figure);
  }
}
