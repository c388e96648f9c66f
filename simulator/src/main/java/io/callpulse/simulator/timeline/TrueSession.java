package io.callpulse.simulator.timeline;

import io.callpulse.model.Role;
import java.util.List;

/**
 * One connection of one user to one channel epoch, as it really happened: joined at {@code joinTs},
 * left at {@code leaveTs} (Unix seconds). Sessions of one user may overlap (reconnect, device
 * switch); the generator keeps role changes out of those overlaps so that every figure has one
 * answer.
 *
 * @param key stable id of this session inside the timeline, the prefix of its event keys
 * @param clientType only meaningful on platform 6 (Linux); null when Agora leaves it out
 * @param account the string user account, or null
 */
public record TrueSession(
    String key,
    long uid,
    long joinTs,
    long leaveTs,
    Role joinRole,
    Profile profile,
    List<RoleChange> roleChanges,
    int leaveReason,
    int platform,
    Integer clientType,
    String account,
    String sid,
    long joinSeq,
    long leaveSeq) {

  public TrueSession {
    roleChanges = List.copyOf(roleChanges);
    if (leaveTs <= joinTs) {
      throw new IllegalArgumentException("session " + key + " must last at least a second");
    }
  }

  /** Agora's {@code duration} of the leave event: seconds in the channel. */
  public long duration() {
    return leaveTs - joinTs;
  }

  /** The role when leaving, which decides 104 or 106. */
  public Role leaveRole() {
    return roleChanges.isEmpty() ? joinRole : roleChanges.get(roleChanges.size() - 1).role();
  }

  public String joinKey() {
    return key + "/join";
  }

  public String leaveKey() {
    return key + "/leave";
  }

  public String roleKey(int index) {
    return key + "/role" + index;
  }
}
