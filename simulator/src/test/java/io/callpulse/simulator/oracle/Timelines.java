package io.callpulse.simulator.oracle;

import io.callpulse.model.Role;
import io.callpulse.simulator.timeline.Profile;
import io.callpulse.simulator.timeline.RoleChange;
import io.callpulse.simulator.timeline.SimApp;
import io.callpulse.simulator.timeline.SimChannel;
import io.callpulse.simulator.timeline.TenantShape;
import io.callpulse.simulator.timeline.TrueEpoch;
import io.callpulse.simulator.timeline.TrueSession;
import io.callpulse.simulator.timeline.TrueTimeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Tiny builders for hand-made timelines, so a test reads like its scenario. */
final class Timelines {
  static final String APP = "app";
  static final String CHANNEL = "ch";

  /** 2024-05-01T12:00:00Z */
  static final long T0 = Instant.parse("2024-05-01T12:00:00Z").getEpochSecond();

  private static long seq = 100;

  private Timelines() {}

  static SessionBuilder host(long uid) {
    return new SessionBuilder(uid, Role.HOST);
  }

  static SessionBuilder audience(long uid) {
    return new SessionBuilder(uid, Role.AUDIENCE);
  }

  static final class SessionBuilder {
    private final long uid;
    private final Role role;
    private long join;
    private long leave;
    private final List<RoleChange> changes = new ArrayList<>();

    SessionBuilder(long uid, Role role) {
      this.uid = uid;
      this.role = role;
    }

    SessionBuilder from(long join) {
      this.join = join;
      return this;
    }

    SessionBuilder to(long leave) {
      this.leave = leave;
      return this;
    }

    SessionBuilder switchesTo(Role target, long at) {
      changes.add(new RoleChange(at, target, 0));
      return this;
    }

    TrueSession build(String key) {
      List<RoleChange> numbered = new ArrayList<>();
      long joinSeq = ++seq;
      for (RoleChange change : changes) {
        numbered.add(new RoleChange(change.ts(), change.role(), ++seq));
      }
      return new TrueSession(
          key,
          uid,
          join,
          leave,
          role,
          Profile.LIVE,
          numbered,
          1,
          1,
          null,
          null,
          "SID",
          joinSeq,
          ++seq);
    }
  }

  /** One epoch from the first join to the last leave. */
  static TrueEpoch epoch(String key, SessionBuilder... sessions) {
    List<TrueSession> built = new ArrayList<>();
    for (int i = 0; i < sessions.length; i++) {
      built.add(sessions[i].build(key + "/s" + i));
    }
    long create = built.stream().mapToLong(TrueSession::joinTs).min().orElseThrow();
    long destroy = built.stream().mapToLong(TrueSession::leaveTs).max().orElseThrow();
    long last = built.stream().filter(s -> s.leaveTs() == destroy).findFirst().orElseThrow().uid();
    return new TrueEpoch(key, create, destroy, List.of(last), built);
  }

  static TrueTimeline timeline(TrueEpoch... epochs) {
    SimChannel channel = new SimChannel(APP, CHANNEL, Profile.LIVE, List.of(epochs));
    return new TrueTimeline(
        new TenantShape(1, 1, 1, T0 - 86_400, 3 * 86_400, List.of(APP)),
        List.of(new SimApp(APP, List.of(channel))));
  }
}
