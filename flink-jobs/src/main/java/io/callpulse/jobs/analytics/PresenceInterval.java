package io.callpulse.jobs.analytics;

import io.callpulse.model.Role;
import java.util.List;

/**
 * One session of a user in a channel epoch (agora-ncs.md §4 rules 2-5): [start, end] split into
 * role segments.
 *
 * @param sessionId stable for the same evidence: uid and the clientSeq of the join, or of the leave
 *     ("L" prefix) when the join is missing
 * @param leaveTs the leave's ts, null when no leave closed it
 * @param inferred built from a leave without a join (rule 4): [ts - duration, ts]
 * @param estimated closed without a leave: at the epoch's destroy or its last activity (rule 5)
 * @param open the epoch is still open and no leave closed it: end is provisional
 */
public record PresenceInterval(
    String sessionId,
    long uid,
    long start,
    long end,
    Long leaveTs,
    List<RoleSegment> segments,
    int roleSwitches,
    Role startRole,
    Integer platform,
    Integer clientType,
    String account,
    String sid,
    Integer leaveReason,
    boolean communicationMode,
    boolean inferred,
    boolean estimated,
    boolean open) {

  public PresenceInterval {
    segments = List.copyOf(segments);
  }

  public long seconds() {
    return Math.max(0, end - start);
  }

  public long seconds(Role role) {
    return segments.stream().filter(s -> s.role() == role).mapToLong(RoleSegment::seconds).sum();
  }

  /** This open interval with its end (and its last segment) moved to {@code newEnd}. */
  public PresenceInterval endingAt(long newEnd) {
    List<RoleSegment> moved = new java.util.ArrayList<>(segments);
    RoleSegment last = moved.remove(moved.size() - 1);
    moved.add(new RoleSegment(last.from(), newEnd, last.role()));
    return new PresenceInterval(
        sessionId,
        uid,
        start,
        newEnd,
        leaveTs,
        moved,
        roleSwitches,
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
