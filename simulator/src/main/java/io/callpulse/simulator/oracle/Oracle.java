package io.callpulse.simulator.oracle;

import io.callpulse.model.Role;
import io.callpulse.simulator.oracle.PresenceUnion.Span;
import io.callpulse.simulator.timeline.RoleChange;
import io.callpulse.simulator.timeline.SimApp;
import io.callpulse.simulator.timeline.SimChannel;
import io.callpulse.simulator.timeline.TrueEpoch;
import io.callpulse.simulator.timeline.TrueSession;
import io.callpulse.simulator.timeline.TrueTimeline;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes the figures agora-ncs.md §4 defines from the TRUE timeline and the list of lost events,
 * never from delivered notifications: duplicates, redundant copies, reordering, early 102s, extra
 * 102s, health checks and other products must not change any figure, so the oracle ignores them.
 *
 * <p>What a lost event does to a session (the only losses the simulator makes are joins and
 * leaves):
 *
 * <ul>
 *   <li>leave lost: the interval runs from the join to the epoch's destroy, flagged estimated (rule
 *       5); its roles are the true ones, the last one held until the destroy;
 *   <li>join lost: the interval is [leave.ts − duration, leave.ts], which the generator makes equal
 *       to the true one, flagged inferred, all of it in the leave's role (rule 4); its role changes
 *       find no open interval and do not count (rule 2);
 *   <li>both lost: the session does not exist for the pipeline.
 * </ul>
 *
 * <p>The rules leave one thing open: which interval a role change applies to when the user holds
 * two open intervals. That happens only through losses (the generator keeps role changes out of
 * overlaps), so when it happens the role-dependent figures of that channel are reported as
 * unasserted, with the reason. Everything else (total seconds, unique users, peaks, per-user and
 * per-day seconds) is always asserted.
 */
public final class Oracle {
  private static final long SECONDS_PER_DAY = 86_400;

  private Oracle() {}

  public static ExpectedReport expect(TrueTimeline timeline, Set<String> lostEventKeys) {
    return expect(timeline, lostEventKeys, new JsonObject());
  }

  public static ExpectedReport expect(
      TrueTimeline timeline, Set<String> lostEventKeys, JsonObject faults) {
    List<AppExpectation> apps = new ArrayList<>();
    for (SimApp app : timeline.apps()) {
      List<ChannelExpectation> channels = new ArrayList<>();
      SortedMap<LocalDate, Long> daily = new TreeMap<>();
      for (SimChannel channel : app.channels()) {
        if (!channel.epochs().isEmpty()) {
          channels.add(channel(channel, lostEventKeys, daily));
        }
      }
      apps.add(new AppExpectation(app.appId(), channels, daily));
    }
    JsonObject scenario =
        new JsonObject()
            .put("seed", timeline.shape().seed())
            .put("apps", timeline.shape().apps())
            .put("channels_per_app", timeline.shape().channelsPerApp())
            .put("start_ts", timeline.shape().startTs())
            .put("duration_seconds", timeline.shape().durationSeconds());
    return new ExpectedReport(scenario, faults, apps);
  }

  /** The intervals the rules produce for one epoch; {@code unasserted} collects ambiguities. */
  public static List<ExpectedInterval> intervals(
      TrueEpoch epoch, Set<String> lost, Map<String, String> unasserted) {
    List<ExpectedInterval> out = new ArrayList<>();
    for (TrueSession session : epoch.sessions()) {
      boolean joinLost = lost.contains(session.joinKey());
      boolean leaveLost = lost.contains(session.leaveKey());
      boolean roleEvents = !session.roleChanges().isEmpty();
      if (joinLost && roleEvents) {
        markRoleFiguresUnasserted(
            unasserted,
            "uid "
                + session.uid()
                + " sent role changes without a delivered join: whether they count depends on"
                + " other open intervals");
      }
      if (joinLost && leaveLost) {
        continue;
      }
      if (joinLost) {
        long start = session.leaveTs() - session.duration();
        out.add(
            new ExpectedInterval(
                session,
                start,
                session.leaveTs(),
                List.of(new RoleSegment(start, session.leaveTs(), session.leaveRole())),
                0,
                false,
                true));
        continue;
      }
      long end = leaveLost ? epoch.destroyTs() : session.leaveTs();
      List<RoleSegment> segments = new ArrayList<>();
      long from = session.joinTs();
      Role role = session.joinRole();
      int switches = 0;
      for (RoleChange change : session.roleChanges()) {
        if (change.role() != role) {
          segments.add(new RoleSegment(from, change.ts(), role));
          from = change.ts();
          role = change.role();
          switches++;
        }
      }
      segments.add(new RoleSegment(from, end, role));
      out.add(
          new ExpectedInterval(
              session, session.joinTs(), end, segments, switches, leaveLost, false));
    }
    checkRoleChangesWhileEstimatedOpen(epoch, lost, unasserted);
    return out;
  }

  /**
   * A session whose leave was lost stays open until the destroy, so a later session of the same
   * user runs alongside it: the rules do not say which of the two a role change applies to.
   */
  private static void checkRoleChangesWhileEstimatedOpen(
      TrueEpoch epoch, Set<String> lost, Map<String, String> unasserted) {
    for (TrueSession open : epoch.sessions()) {
      if (!lost.contains(open.leaveKey()) || lost.contains(open.joinKey())) {
        continue;
      }
      for (TrueSession later : epoch.sessions()) {
        if (later.uid() == open.uid()
            && later.joinTs() > open.joinTs()
            && !later.roleChanges().isEmpty()) {
          markRoleFiguresUnasserted(
              unasserted,
              "uid "
                  + open.uid()
                  + " changed role while an interval whose leave was lost was still open");
        }
      }
    }
  }

  private static void markRoleFiguresUnasserted(Map<String, String> unasserted, String reason) {
    for (String figure : ChannelFigures.ROLE_DEPENDENT) {
      unasserted.putIfAbsent(figure, reason);
    }
  }

  private static ChannelExpectation channel(
      SimChannel channel, Set<String> lost, SortedMap<LocalDate, Long> daily) {
    Map<String, String> unasserted = new LinkedHashMap<>();
    List<EpochExpectation> epochs = new ArrayList<>();
    SortedMap<Long, Long> userSeconds = new TreeMap<>();
    Set<Long> users = new TreeSet<>();
    Set<Long> hosts = new HashSet<>();
    Set<Long> audiences = new HashSet<>();
    long total = 0;
    long host = 0;
    long audience = 0;
    long switches = 0;
    long peak = 0;
    int sessions = 0;
    int estimated = 0;
    int inferred = 0;
    for (TrueEpoch epoch : channel.epochs()) {
      List<ExpectedInterval> intervals = intervals(epoch, lost, unasserted);
      EpochPresence presence = EpochPresence.of(intervals);
      ChannelFigures figures = presence.figures();
      epochs.add(
          new EpochExpectation(
              epoch.createTs(), epoch.destroyTs(), figures, presence.peakAt(), intervals.size()));
      total += figures.totalSeconds();
      host += figures.hostSeconds();
      audience += figures.audienceSeconds();
      switches += figures.roleSwitches();
      peak = Math.max(peak, figures.peakConcurrentUsers());
      sessions += intervals.size();
      estimated += (int) intervals.stream().filter(ExpectedInterval::estimated).count();
      inferred += (int) intervals.stream().filter(ExpectedInterval::inferred).count();
      presence.users().forEach(uid -> userSeconds.merge(uid, presence.seconds(uid), Long::sum));
      users.addAll(presence.users());
      hosts.addAll(presence.hosts());
      audiences.addAll(presence.audiences());
      presence.addDailySeconds(daily);
    }
    ChannelFigures figures =
        new ChannelFigures(
            total, host, audience, users.size(), hosts.size(), audiences.size(), switches, peak);
    return new ChannelExpectation(
        channel.name(),
        channel.profile().name(),
        figures,
        unasserted,
        epochs,
        userSeconds,
        sessions,
        estimated,
        inferred);
  }

  /** Per-user presence of one epoch, as unions of spans. */
  private record EpochPresence(
      Map<Long, List<Span>> presence, Map<Long, List<Span>> hostPresence, int roleSwitches) {

    static EpochPresence of(List<ExpectedInterval> intervals) {
      Map<Long, List<Span>> all = new TreeMap<>();
      Map<Long, List<Span>> host = new TreeMap<>();
      int switches = 0;
      for (ExpectedInterval interval : intervals) {
        switches += interval.countedSwitches();
        for (RoleSegment segment : interval.segments()) {
          Span span = new Span(segment.from(), segment.to());
          all.computeIfAbsent(interval.uid(), k -> new ArrayList<>()).add(span);
          if (segment.role() == Role.HOST) {
            host.computeIfAbsent(interval.uid(), k -> new ArrayList<>()).add(span);
          }
        }
      }
      Map<Long, List<Span>> mergedAll = new TreeMap<>();
      all.forEach((uid, spans) -> mergedAll.put(uid, PresenceUnion.merge(spans)));
      mergedAll.values().removeIf(List::isEmpty);
      Map<Long, List<Span>> mergedHost = new TreeMap<>();
      host.forEach((uid, spans) -> mergedHost.put(uid, PresenceUnion.merge(spans)));
      return new EpochPresence(mergedAll, mergedHost, switches);
    }

    Set<Long> users() {
      return presence.keySet();
    }

    long seconds(long uid) {
      return PresenceUnion.length(presence.getOrDefault(uid, List.of()));
    }

    long hostSeconds(long uid) {
      return PresenceUnion.length(hostPresence.getOrDefault(uid, List.of()));
    }

    Set<Long> hosts() {
      Set<Long> out = new TreeSet<>();
      users().stream().filter(uid -> hostSeconds(uid) > 0).forEach(out::add);
      return out;
    }

    Set<Long> audiences() {
      Set<Long> out = new TreeSet<>();
      users().stream().filter(uid -> seconds(uid) - hostSeconds(uid) > 0).forEach(out::add);
      return out;
    }

    ChannelFigures figures() {
      long total = 0;
      long host = 0;
      for (long uid : users()) {
        total += seconds(uid);
        host += hostSeconds(uid);
      }
      return new ChannelFigures(
          total,
          host,
          total - host,
          users().size(),
          hosts().size(),
          audiences().size(),
          roleSwitches,
          peak()[0]);
    }

    long peakAt() {
      return peak()[1];
    }

    /**
     * Sweeps the users' merged spans; at equal seconds leaves apply before joins (rule 8).
     *
     * @return {peak, first second it was reached}
     */
    private long[] peak() {
      List<long[]> steps = new ArrayList<>();
      for (List<Span> spans : presence.values()) {
        for (Span span : spans) {
          steps.add(new long[] {span.from(), +1});
          steps.add(new long[] {span.to(), -1});
        }
      }
      steps.sort(Comparator.<long[]>comparingLong(s -> s[0]).thenComparingLong(s -> s[1]));
      long current = 0;
      long peak = 0;
      long at = 0;
      for (long[] step : steps) {
        current += step[1];
        if (current > peak) {
          peak = current;
          at = step[0];
        }
      }
      return new long[] {peak, at};
    }

    /** Rule 10: a span crossing UTC midnight counts on both days. */
    void addDailySeconds(SortedMap<LocalDate, Long> daily) {
      for (List<Span> spans : presence.values()) {
        for (Span span : spans) {
          long from = span.from();
          while (from < span.to()) {
            long day = Math.floorDiv(from, SECONDS_PER_DAY);
            long to = Math.min(span.to(), (day + 1) * SECONDS_PER_DAY);
            daily.merge(LocalDate.ofEpochDay(day), to - from, Long::sum);
            from = to;
          }
        }
      }
    }
  }
}
