package io.callpulse.model;

/**
 * The role a user holds in a channel; communication-profile users count as hosts (agora-ncs.md
 * §4.2).
 */
public enum Role {
  HOST,
  AUDIENCE;

  public String wireName() {
    return this == HOST ? "host" : "audience";
  }
}
