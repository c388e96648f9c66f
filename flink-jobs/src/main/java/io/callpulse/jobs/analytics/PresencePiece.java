package io.callpulse.jobs.analytics;

import io.callpulse.model.Role;

/**
 * A stretch [start, end) of one user's presence union with the role it counts as and the session it
 * is attributed to (for platform and client type in the daily rollups).
 */
public record PresencePiece(
    long uid,
    long start,
    long end,
    Role role,
    String sessionId,
    Integer platform,
    Integer clientType) {
  public long seconds() {
    return end - start;
  }
}
