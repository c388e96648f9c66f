package io.callpulse.simulator.oracle;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Expected figures of one channel over all its epochs.
 *
 * @param unasserted figure name → why the rules do not decide it under this run's losses; such
 *     figures are printed by {@code compare} but never fail it
 * @param userSeconds uid → seconds of presence in this channel (union of the user's intervals)
 * @param estimatedSessions intervals closed at a destroy because their leave was lost
 * @param inferredSessions intervals rebuilt from a leave because their join was lost
 */
public record ChannelExpectation(
    String channelName,
    String profile,
    ChannelFigures figures,
    Map<String, String> unasserted,
    List<EpochExpectation> epochs,
    SortedMap<Long, Long> userSeconds,
    int sessions,
    int estimatedSessions,
    int inferredSessions) {}
