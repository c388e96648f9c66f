package io.callpulse.jobs.analytics;

import io.callpulse.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rule 8 of agora-ncs.md §4: the step function of distinct users present, built from the users'
 * presence unions (so a user with overlapping intervals counts once and only leaves when the last
 * one ends: §5 bug 7). Pieces are half-open, so at equal seconds leaves apply before joins.
 */
public final class Concurrency {
  private Concurrency() {}

  /** Steps in time order, one per change; the last one returns to zero. */
  public static List<ConcurrencyStep> steps(List<PresencePiece> pieces) {
    TreeMap<Long, int[]> deltas = new TreeMap<>();
    for (PresencePiece piece : pieces) {
      if (piece.seconds() <= 0) {
        continue;
      }
      int column = piece.role() == Role.HOST ? 0 : 1;
      deltas.computeIfAbsent(piece.start(), k -> new int[2])[column]++;
      deltas.computeIfAbsent(piece.end(), k -> new int[2])[column]--;
    }
    List<ConcurrencyStep> steps = new ArrayList<>();
    int hosts = 0;
    int audiences = 0;
    for (Map.Entry<Long, int[]> delta : deltas.entrySet()) {
      hosts += delta.getValue()[0];
      audiences += delta.getValue()[1];
      ConcurrencyStep last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
      if (last == null || last.hosts() != hosts || last.audiences() != audiences) {
        steps.add(new ConcurrencyStep(delta.getKey(), hosts + audiences, hosts, audiences));
      }
    }
    return steps;
  }

  /** The first step with the most users, or null when nobody was ever present. */
  public static ConcurrencyStep peak(List<ConcurrencyStep> steps) {
    ConcurrencyStep peak = null;
    for (ConcurrencyStep step : steps) {
      if (step.users() > 0 && (peak == null || step.users() > peak.users())) {
        peak = step;
      }
    }
    return peak;
  }

  /** Per minute, the maxima of every step value in force during some second of that minute. */
  public static List<ConcurrencyMinute> minutes(List<ConcurrencyStep> steps) {
    TreeMap<Long, int[]> maxima = new TreeMap<>();
    for (int i = 0; i < steps.size(); i++) {
      ConcurrencyStep step = steps.get(i);
      long first = Math.floorDiv(step.ts(), 60);
      long last = i + 1 < steps.size() ? Math.floorDiv(steps.get(i + 1).ts() - 1, 60) : first;
      for (long minute = first; minute <= last; minute++) {
        int[] max = maxima.computeIfAbsent(minute, k -> new int[3]);
        max[0] = Math.max(max[0], step.users());
        max[1] = Math.max(max[1], step.hosts());
        max[2] = Math.max(max[2], step.audiences());
      }
    }
    List<ConcurrencyMinute> minutes = new ArrayList<>();
    maxima.forEach((m, max) -> minutes.add(new ConcurrencyMinute(m, max[0], max[1], max[2])));
    return minutes;
  }
}
