package io.callpulse.jobs;

import io.callpulse.model.NcsEvent;
import io.callpulse.model.Role;
import io.callpulse.model.RtcEventType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Random channels as TRUE presence (epochs, users, sessions with role switches, overlapping
 * reconnects), the NCS events Agora would send for them, and an independent reference: figures
 * counted second by second from the true sessions.
 */
final class RandomChannels {
  record Switch(long at, Role to) {}

  record TrueSession(long uid, long start, long end, Role startRole, List<Switch> switches) {
    Role roleAt(long second) {
      Role role = startRole;
      for (Switch s : switches) {
        if (s.at() <= second) {
          role = s.to();
        }
      }
      return role;
    }
  }

  record TrueEpoch(long create, long destroy, long gapBefore, List<TrueSession> sessions) {}

  record TrueChannel(String name, boolean communication, List<TrueEpoch> epochs) {}

  /** One user event and the session it belongs to (null for channel events). */
  record Generated(NcsEvent event, TrueSession session, int epochIndex) {}

  /** Reference figures, counted per second over [start, end) of the true sessions. */
  record Reference(
      long total,
      long host,
      long audience,
      int uniqueUsers,
      int uniqueHosts,
      int uniqueAudiences,
      int roleSwitches,
      int sessions,
      int peak,
      Long peakAt,
      List<List<Long>> steps,
      java.util.Map<Long, Long> secondsPerDay) {}

  static TrueChannel channel(Random random, String name) {
    boolean communication = random.nextInt(10) < 3;
    int epochCount = 1 + random.nextInt(3);
    List<TrueEpoch> epochs = new ArrayList<>();
    long cursor = NcsTestBase.T0 + random.nextInt(86_400);
    for (int e = 0; e < epochCount; e++) {
      long gapBefore = e == 0 ? 1000 : (random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(300));
      long epochStart = cursor + gapBefore;
      List<TrueSession> sessions = new ArrayList<>();
      int users = 1 + random.nextInt(6);
      for (int u = 0; u < users; u++) {
        long uid = 1 + random.nextInt(1_000_000);
        final long id = uid;
        if (sessions.stream().anyMatch(s -> s.uid() == id)) {
          continue;
        }
        long t = epochStart + (u == 0 ? 0 : random.nextInt(120));
        int count = 1 + random.nextInt(3);
        for (int s = 0; s < count; s++) {
          long length = 1 + random.nextInt(900);
          Role role = communication || random.nextBoolean() ? Role.HOST : Role.AUDIENCE;
          boolean overlap = length > 20 && random.nextInt(4) == 0;
          if (overlap) {
            long secondStart = t + 5 + random.nextInt((int) length - 10);
            long secondLength = 1 + random.nextInt(600);
            Role secondRole = communication || random.nextBoolean() ? Role.HOST : Role.AUDIENCE;
            sessions.add(new TrueSession(uid, t, t + length, role, List.of()));
            sessions.add(
                new TrueSession(
                    uid, secondStart, secondStart + secondLength, secondRole, List.of()));
            t = Math.max(t + length, secondStart + secondLength) + 1 + random.nextInt(100);
          } else {
            sessions.add(
                new TrueSession(
                    uid, t, t + length, role, switches(random, t, length, role, communication)));
            t = t + length + 1 + random.nextInt(100);
          }
        }
      }
      long create = sessions.stream().mapToLong(TrueSession::start).min().orElseThrow();
      long destroy = sessions.stream().mapToLong(TrueSession::end).max().orElseThrow();
      epochs.add(new TrueEpoch(create, destroy, gapBefore, sessions));
      cursor = destroy;
    }
    return new TrueChannel(name, communication, epochs);
  }

  private static List<Switch> switches(
      Random random, long start, long length, Role role, boolean communication) {
    List<Switch> switches = new ArrayList<>();
    if (communication || length < 4) {
      return switches;
    }
    int count = random.nextInt(4);
    long at = start;
    Role current = role;
    for (int i = 0; i < count; i++) {
      long room = start + length - at - 1;
      if (room < 2) {
        break;
      }
      at = at + 1 + random.nextInt((int) room - 1);
      current = current == Role.HOST ? Role.AUDIENCE : Role.HOST;
      switches.add(new Switch(at, current));
    }
    return switches;
  }

  /** The events Agora sends for a channel, clientSeq growing per user in real-time order. */
  static List<Generated> events(NcsTestBase fixtures, TrueChannel channel, Random random) {
    List<Generated> out = new ArrayList<>();
    for (int e = 0; e < channel.epochs().size(); e++) {
      TrueEpoch epoch = channel.epochs().get(e);
      out.add(
          new Generated(
              event(RtcEventType.CHANNEL_CREATED, channel, null, epoch.create(), null, 0),
              null,
              e));
      out.add(
          new Generated(
              event(RtcEventType.CHANNEL_DESTROYED, channel, null, epoch.destroy(), null, 0),
              null,
              e));
      if (random.nextInt(5) == 0) {
        // A second 102 for the same destroy, another lastUid: the same semantic key.
        out.add(
            new Generated(
                event(RtcEventType.CHANNEL_DESTROYED, channel, null, epoch.destroy(), null, 0),
                null,
                e));
      }
    }
    // Per user, events in real time order get growing clientSeq.
    record Timed(long ts, int order, RtcEventType type, TrueSession session, int epochIndex) {}
    List<Timed> timed = new ArrayList<>();
    for (int e = 0; e < channel.epochs().size(); e++) {
      for (TrueSession s : channel.epochs().get(e).sessions()) {
        timed.add(new Timed(s.start(), 1, joinType(channel, s.startRole()), s, e));
        Role role = s.startRole();
        for (Switch sw : s.switches()) {
          timed.add(
              new Timed(
                  sw.at(),
                  2,
                  sw.to() == Role.HOST
                      ? RtcEventType.ROLE_TO_BROADCASTER
                      : RtcEventType.ROLE_TO_AUDIENCE,
                  s,
                  e));
          role = sw.to();
        }
        timed.add(new Timed(s.end(), 0, leaveType(channel, role), s, e));
      }
    }
    timed.sort(Comparator.comparingLong(Timed::ts).thenComparingInt(Timed::order));
    java.util.Map<Long, Long> seqs = new java.util.HashMap<>();
    for (Timed t : timed) {
      long seq = seqs.merge(t.session().uid(), 1L, Long::sum) + 5_000_000_000_000L;
      Long duration = t.type().isLeave() ? t.session().end() - t.session().start() : null;
      out.add(
          new Generated(
              event(t.type(), channel, t.session().uid(), t.ts(), duration, seq),
              t.session(),
              t.epochIndex()));
    }
    return out;
  }

  private static RtcEventType joinType(TrueChannel channel, Role role) {
    return channel.communication()
        ? RtcEventType.COMMUNICATION_JOINED
        : role == Role.HOST ? RtcEventType.BROADCASTER_JOINED : RtcEventType.AUDIENCE_JOINED;
  }

  private static RtcEventType leaveType(TrueChannel channel, Role role) {
    return channel.communication()
        ? RtcEventType.COMMUNICATION_LEFT
        : role == Role.HOST ? RtcEventType.BROADCASTER_LEFT : RtcEventType.AUDIENCE_LEFT;
  }

  private static long notices = 0;

  private static NcsEvent event(
      RtcEventType type, TrueChannel channel, Long uid, long ts, Long duration, long seq) {
    String notice = "r-" + (++notices);
    boolean user = type.isUserEvent();
    return new NcsEvent(
        NcsTestBase.APP,
        notice,
        1,
        type.code(),
        ts * 1000 + 3,
        null,
        null,
        channel.name(),
        uid,
        user ? seq : null,
        ts,
        user && !type.isRoleChange() ? 5 : null,
        null,
        type.isLeave() ? 1 : null,
        duration,
        null,
        type == RtcEventType.CHANNEL_DESTROYED ? 0L : null,
        ts * 1000 + 9,
        "ing-" + notice,
        false);
  }

  static Reference reference(TrueEpoch epoch) {
    long from = epoch.sessions().stream().mapToLong(TrueSession::start).min().orElseThrow();
    long to = epoch.sessions().stream().mapToLong(TrueSession::end).max().orElseThrow();
    java.util.Set<Long> users = new java.util.HashSet<>();
    java.util.Set<Long> hosts = new java.util.HashSet<>();
    java.util.Set<Long> audiences = new java.util.HashSet<>();
    epoch.sessions().forEach(s -> users.add(s.uid()));
    long total = 0;
    long host = 0;
    int peak = 0;
    Long peakAt = null;
    List<List<Long>> steps = new ArrayList<>();
    java.util.Map<Long, Long> perDay = new java.util.TreeMap<>();
    for (long t = from; t < to; t++) {
      java.util.Map<Long, Boolean> present = new java.util.HashMap<>(); // uid -> is host
      for (TrueSession s : epoch.sessions()) {
        if (s.start() <= t && t < s.end()) {
          boolean isHost = s.roleAt(t) == Role.HOST;
          present.merge(s.uid(), isHost, Boolean::logicalOr);
        }
      }
      total += present.size();
      if (!present.isEmpty()) {
        perDay.merge(Math.floorDiv(t, 86_400L), (long) present.size(), Long::sum);
      }
      long hostsNow = present.values().stream().filter(h -> h).count();
      List<Long> step = List.of(t, (long) present.size(), hostsNow);
      if (steps.isEmpty()
          || !steps.get(steps.size() - 1).subList(1, 3).equals(step.subList(1, 3))) {
        steps.add(step);
      }
      for (var p : present.entrySet()) {
        if (p.getValue()) {
          host++;
          hosts.add(p.getKey());
        } else {
          audiences.add(p.getKey());
        }
      }
      if (present.size() > peak) {
        peak = present.size();
        peakAt = t;
      }
    }
    int switches = epoch.sessions().stream().mapToInt(s -> s.switches().size()).sum();
    steps.add(List.of(to, 0L, 0L));
    return new Reference(
        total,
        host,
        total - host,
        users.size(),
        hosts.size(),
        audiences.size(),
        switches,
        epoch.sessions().size(),
        peak,
        peakAt,
        steps,
        perDay);
  }
}
