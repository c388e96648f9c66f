package io.callpulse.simulator.oracle;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;

/**
 * @param dailySeconds UTC day → seconds of presence in all the app's channels (rule 10)
 */
public record AppExpectation(
    String appId, List<ChannelExpectation> channels, SortedMap<LocalDate, Long> dailySeconds) {}
