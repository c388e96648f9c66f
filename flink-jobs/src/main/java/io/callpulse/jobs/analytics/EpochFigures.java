package io.callpulse.jobs.analytics;

import io.callpulse.model.Role;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Rule 9 of agora-ncs.md §4: the figures of one epoch. {@code hostSeconds + audienceSeconds ==
 * totalSeconds} by construction (both come from the same presence pieces).
 *
 * @param uniqueUsers users with at least one session in the epoch (a 0-second session counts)
 * @param peakAt first second at which the peak was reached, null without presence
 */
public record EpochFigures(
    long totalSeconds,
    long hostSeconds,
    long audienceSeconds,
    int uniqueUsers,
    int uniqueHosts,
    int uniqueAudiences,
    int roleSwitches,
    int sessions,
    int peakConcurrentUsers,
    Long peakAt,
    List<Integer> clientTypes,
    List<Integer> platforms,
    boolean communicationMode) {

  public static EpochFigures of(
      List<PresenceInterval> intervals, List<PresencePiece> pieces, List<ConcurrencyStep> steps) {
    long host = seconds(pieces, Role.HOST);
    long audience = seconds(pieces, Role.AUDIENCE);
    ConcurrencyStep peak = Concurrency.peak(steps);
    return new EpochFigures(
        host + audience,
        host,
        audience,
        (int) intervals.stream().mapToLong(PresenceInterval::uid).distinct().count(),
        usersWith(pieces, Role.HOST),
        usersWith(pieces, Role.AUDIENCE),
        intervals.stream().mapToInt(PresenceInterval::roleSwitches).sum(),
        intervals.size(),
        peak == null ? 0 : peak.users(),
        peak == null ? null : peak.ts(),
        codes(intervals.stream().map(PresenceInterval::clientType).collect(Collectors.toList())),
        codes(intervals.stream().map(PresenceInterval::platform).collect(Collectors.toList())),
        intervals.stream().anyMatch(PresenceInterval::communicationMode));
  }

  private static long seconds(List<PresencePiece> pieces, Role role) {
    return pieces.stream().filter(p -> p.role() == role).mapToLong(PresencePiece::seconds).sum();
  }

  private static int usersWith(List<PresencePiece> pieces, Role role) {
    return (int)
        pieces.stream()
            .filter(p -> p.role() == role && p.seconds() > 0)
            .mapToLong(PresencePiece::uid)
            .distinct()
            .count();
  }

  private static List<Integer> codes(List<Integer> values) {
    Set<Integer> codes = new TreeSet<>();
    values.forEach(v -> codes.add(DailySplit.code(v)));
    return List.copyOf(codes);
  }
}
