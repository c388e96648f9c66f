package io.callpulse.simulator.timeline;

import io.callpulse.model.Role;

/**
 * A 111/112 the user's client really sent. {@code role} is the requested role, which may equal the
 * current one: such a no-op is delivered but never counts as a switch (agora-ncs.md §4.2).
 */
public record RoleChange(long ts, Role role, long clientSeq) {}
