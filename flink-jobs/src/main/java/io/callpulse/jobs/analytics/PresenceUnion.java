package io.callpulse.jobs.analytics;

import io.callpulse.model.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Rule 6 of agora-ncs.md §4: a user's presence is the union of its intervals; where they overlap
 * the user counts once, as host if any covering segment is host. Each piece is attributed to the
 * earliest-started covering session of the winning role, so per-platform rollups still add up to
 * the channel total.
 */
public final class PresenceUnion {
  private PresenceUnion() {}

  /** Disjoint, time-ordered pieces of positive length of one user's intervals. */
  public static List<PresencePiece> of(List<PresenceInterval> intervals) {
    TreeSet<Long> bounds = new TreeSet<>();
    for (PresenceInterval interval : intervals) {
      for (RoleSegment segment : interval.segments()) {
        bounds.add(segment.from());
        bounds.add(segment.to());
      }
    }
    List<PresenceInterval> byStart = new ArrayList<>(intervals);
    byStart.sort(
        Comparator.comparingLong(PresenceInterval::start)
            .thenComparing(PresenceInterval::sessionId));
    List<PresencePiece> pieces = new ArrayList<>();
    Long from = null;
    for (Long to : bounds) {
      if (from != null) {
        PresencePiece piece = pieceAt(byStart, from, to);
        if (piece != null) {
          append(pieces, piece);
        }
      }
      from = to;
    }
    return pieces;
  }

  private static PresencePiece pieceAt(List<PresenceInterval> byStart, long from, long to) {
    PresenceInterval chosen = null;
    Role chosenRole = null;
    for (PresenceInterval interval : byStart) {
      for (RoleSegment segment : interval.segments()) {
        if (segment.from() <= from && to <= segment.to() && segment.from() < segment.to()) {
          if (chosen == null || (chosenRole == Role.AUDIENCE && segment.role() == Role.HOST)) {
            chosen = interval;
            chosenRole = segment.role();
          }
        }
      }
    }
    if (chosen == null) {
      return null;
    }
    return new PresencePiece(
        chosen.uid(),
        from,
        to,
        chosenRole,
        chosen.sessionId(),
        chosen.platform(),
        chosen.clientType());
  }

  private static void append(List<PresencePiece> pieces, PresencePiece piece) {
    if (!pieces.isEmpty()) {
      PresencePiece last = pieces.get(pieces.size() - 1);
      if (last.end() == piece.start()
          && last.role() == piece.role()
          && last.sessionId().equals(piece.sessionId())) {
        pieces.set(
            pieces.size() - 1,
            new PresencePiece(
                last.uid(),
                last.start(),
                piece.end(),
                last.role(),
                last.sessionId(),
                last.platform(),
                last.clientType()));
        return;
      }
    }
    pieces.add(piece);
  }
}
