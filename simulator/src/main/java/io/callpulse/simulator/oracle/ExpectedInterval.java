package io.callpulse.simulator.oracle;

import io.callpulse.simulator.timeline.TrueSession;
import java.util.List;

/**
 * The presence interval the analytics rules must produce for one true session, given which of its
 * events were lost. {@code [start, end)} in Unix seconds; its role segments cover it exactly.
 *
 * @param countedSwitches role changes that count (rule 2): actual changes of a session whose join
 *     arrived
 * @param estimated its leave was lost: closed at the epoch's destroy (rule 5)
 * @param inferred its join was lost: rebuilt from the leave's ts and duration (rule 4)
 */
public record ExpectedInterval(
    TrueSession session,
    long start,
    long end,
    List<RoleSegment> segments,
    int countedSwitches,
    boolean estimated,
    boolean inferred) {

  public ExpectedInterval {
    segments = List.copyOf(segments);
  }

  public long uid() {
    return session.uid();
  }
}
