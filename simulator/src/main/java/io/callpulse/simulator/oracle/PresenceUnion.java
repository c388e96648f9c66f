package io.callpulse.simulator.oracle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Interval arithmetic on half-open [from, to) second ranges: a user present in two overlapping or
 * touching intervals is present once (rule 6). Also used by {@code compare} to turn the query API's
 * sessions into per-user seconds.
 */
public final class PresenceUnion {
  public record Span(long from, long to) {}

  private PresenceUnion() {}

  public static List<Span> merge(List<Span> spans) {
    List<Span> sorted = new ArrayList<>(spans);
    sorted.removeIf(s -> s.to() <= s.from());
    sorted.sort(Comparator.comparingLong(Span::from));
    List<Span> merged = new ArrayList<>();
    for (Span span : sorted) {
      if (!merged.isEmpty() && span.from() <= merged.get(merged.size() - 1).to()) {
        Span last = merged.remove(merged.size() - 1);
        merged.add(new Span(last.from(), Math.max(last.to(), span.to())));
      } else {
        merged.add(span);
      }
    }
    return merged;
  }

  public static long length(List<Span> merged) {
    return merged.stream().mapToLong(s -> s.to() - s.from()).sum();
  }
}
