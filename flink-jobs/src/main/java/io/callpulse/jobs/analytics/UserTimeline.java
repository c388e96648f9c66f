package io.callpulse.jobs.analytics;

import io.callpulse.model.Role;
import io.callpulse.model.RtcEventType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rules 1-5 of agora-ncs.md §4 for one user in one channel epoch: the user's events, ordered by
 * clientSeq, become presence intervals with role segments. A pure function of the event set, so
 * arrival order and replays cannot change the result.
 *
 * <p>Running per epoch (not per channel) is what keeps a stale open interval of an old epoch from
 * pairing with a leave of a later day (§5 bug 2) and a later session's role change from landing on
 * an earlier session (§5 bug 6).
 */
public final class UserTimeline {
  /** Rule 3: a leave matches the join at {@code ts - duration} give or take this much. */
  public static final long MATCH_TOLERANCE_SECONDS = 2;

  private UserTimeline() {}

  /** The intervals of one user, and how many of its role changes had no session (rule 2). */
  public record Result(List<PresenceInterval> intervals, int rolesWithoutSession) {}

  /**
   * @param events the user's events in this epoch, any order, one per clientSeq
   * @param epochEnd where intervals without a leave end (rule 5): the destroy, else last activity
   * @param epochClosed whether those intervals are final (estimated) or still open
   */
  public static Result build(long uid, List<UserEvent> events, long epochEnd, boolean epochClosed) {
    List<UserEvent> ordered = new ArrayList<>(events);
    ordered.sort(UserEvent::compareBySeq);
    List<Draft> open = new ArrayList<>();
    List<Draft> done = new ArrayList<>();
    int rolesWithoutSession = 0;
    for (UserEvent event : ordered) {
      RtcEventType type = event.type();
      if (type.isJoin()) {
        join(uid, event, open);
      } else if (type.isLeave()) {
        leave(uid, event, open, done);
      } else if (type.isRoleChange() && !changeRole(event, open)) {
        rolesWithoutSession++;
      }
    }
    List<PresenceInterval> intervals = new ArrayList<>();
    for (Draft draft : done) {
      intervals.add(draft.close(draft.end, false, false));
    }
    for (Draft draft : open) {
      intervals.add(draft.close(Math.max(epochEnd, draft.start), epochClosed, !epochClosed));
    }
    intervals.sort(
        Comparator.comparingLong(PresenceInterval::start)
            .thenComparing(PresenceInterval::sessionId));
    return new Result(intervals, rolesWithoutSession);
  }

  private static void join(long uid, UserEvent event, List<Draft> open) {
    // Rule 4's "late join fills in the inferred interval" needs nothing here: events are applied
    // in clientSeq order, so a join that arrived after its leave is still applied before it.
    open.add(Draft.joined(uid, event));
  }

  private static void leave(long uid, UserEvent event, List<Draft> open, List<Draft> done) {
    Draft match = null;
    if (event.duration() != null) {
      long joinedAt = event.ts() - event.duration();
      long best = Long.MAX_VALUE;
      for (Draft candidate : open) {
        long distance = Math.abs(candidate.start - joinedAt);
        if (distance <= MATCH_TOLERANCE_SECONDS && distance < best) {
          best = distance;
          match = candidate;
        }
      }
    } else {
      for (Draft candidate : open) {
        if (candidate.start <= event.ts() && (match == null || candidate.start > match.start)) {
          match = candidate;
        }
      }
    }
    if (match != null) {
      open.remove(match);
      match.closeWithLeave(event);
      done.add(match);
    } else {
      done.add(Draft.inferred(uid, event));
    }
  }

  /** Applies a role change to the latest session open at its time; false when there is none. */
  private static boolean changeRole(UserEvent event, List<Draft> open) {
    Draft target = null;
    for (Draft candidate : open) {
      if (candidate.start <= event.ts() && (target == null || candidate.start >= target.start)) {
        target = candidate;
      }
    }
    if (target == null) {
      return false;
    }
    if (!target.communicationMode) {
      target.switchTo(event.type().role().orElseThrow(), event.ts());
    }
    return true;
  }

  /** An interval under construction. */
  private static final class Draft {
    String sessionId;
    long start;
    long end;
    Long leaveTs;
    Role startRole;
    final List<Long> switchAt = new ArrayList<>();
    final List<Role> switchTo = new ArrayList<>();
    Integer platform;
    Integer clientType;
    String account;
    String sid;
    Integer leaveReason;
    boolean communicationMode;
    boolean inferred;

    static Draft joined(long uid, UserEvent join) {
      Draft draft = new Draft();
      draft.fillWithJoin(uid, join);
      draft.end = join.ts();
      return draft;
    }

    static Draft inferred(long uid, UserEvent leave) {
      Draft draft = new Draft();
      draft.sessionId = uid + "-L" + Long.toUnsignedString(leave.clientSeq());
      draft.start = leave.evidenceStart();
      draft.startRole = leave.type().role().orElseThrow();
      draft.communicationMode = leave.type().isCommunicationProfile();
      draft.platform = leave.platform();
      draft.clientType = leave.clientType();
      draft.account = leave.account();
      draft.sid = leave.sid();
      draft.inferred = true;
      draft.closeWithLeave(leave);
      return draft;
    }

    void fillWithJoin(long uid, UserEvent join) {
      sessionId = uid + "-" + Long.toUnsignedString(join.clientSeq());
      start = join.ts();
      startRole = join.type().role().orElseThrow();
      communicationMode = join.type().isCommunicationProfile();
      platform = join.platform();
      clientType = join.clientType();
      account = join.account() != null ? join.account() : account;
      sid = join.sid() != null ? join.sid() : sid;
      inferred = false;
    }

    void closeWithLeave(UserEvent leave) {
      leaveTs = leave.ts();
      end = Math.max(start, leave.ts());
      leaveReason = leave.reason();
    }

    void switchTo(Role role, long ts) {
      Role current = switchTo.isEmpty() ? startRole : switchTo.get(switchTo.size() - 1);
      if (role == current) {
        return; // rule 2: a redundant role event is not a switch (§5 bug 6)
      }
      long lastAt = switchAt.isEmpty() ? start : switchAt.get(switchAt.size() - 1);
      switchAt.add(Math.max(ts, lastAt));
      switchTo.add(role);
    }

    PresenceInterval close(long end, boolean estimated, boolean open) {
      List<RoleSegment> segments = new ArrayList<>();
      long from = start;
      Role role = startRole;
      for (int i = 0; i < switchAt.size(); i++) {
        long at = Math.min(switchAt.get(i), end);
        segments.add(new RoleSegment(from, at, role));
        from = at;
        role = switchTo.get(i);
      }
      segments.add(new RoleSegment(from, end, role));
      segments.removeIf(s -> s.seconds() == 0);
      return new PresenceInterval(
          sessionId,
          Long.parseLong(sessionId.substring(0, sessionId.indexOf('-'))),
          start,
          end,
          leaveTs,
          segments.isEmpty() ? List.of(new RoleSegment(start, end, startRole)) : segments,
          switchAt.size(),
          startRole,
          platform,
          clientType,
          account,
          sid,
          leaveReason,
          communicationMode,
          inferred,
          estimated,
          open);
    }
  }
}
