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
 */
public record Actual(
    SortedMap<ChannelKey, Map<String, Long>> channels,
    SortedMap<ChannelKey, SortedMap<Long, Map<String, Long>>> epochs,
    SortedMap<ChannelKey, SortedMap<Long, Long>> userSeconds,
    SortedMap<String, SortedMap<LocalDate, Long>> dailySeconds) {}
