package io.callpulse.simulator.oracle;

import static io.callpulse.simulator.oracle.Timelines.T0;
import static io.callpulse.simulator.oracle.Timelines.audience;
import static io.callpulse.simulator.oracle.Timelines.epoch;
import static io.callpulse.simulator.oracle.Timelines.host;
import static io.callpulse.simulator.oracle.Timelines.timeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.model.Role;
import io.callpulse.simulator.timeline.TrueEpoch;
import io.callpulse.simulator.timeline.TrueTimeline;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OracleTest {

  private static ChannelExpectation channel(TrueTimeline timeline, Set<String> lost) {
    return Oracle.expect(timeline, lost).apps().get(0).channels().get(0);
  }

  @Test
  void overlappingSessionsOfOneUserCountOnce() {
    // uid 1 reconnects: the new connection joins 5 s before the old one is dropped.
    TrueTimeline timeline =
        timeline(
            epoch(
                "e0",
                host(1).from(T0).to(T0 + 100),
                host(1).from(T0 + 95).to(T0 + 200),
                audience(2).from(T0 + 50).to(T0 + 150)));

    ChannelExpectation channel = channel(timeline, Set.of());

    assertEquals(200 + 100, channel.figures().totalSeconds());
    assertEquals(200, channel.figures().hostSeconds());
    assertEquals(100, channel.figures().audienceSeconds());
    assertEquals(2, channel.figures().uniqueUsers());
    assertEquals(2, channel.figures().peakConcurrentUsers(), "uid 1 counts once while overlapping");
    assertEquals(200, channel.userSeconds().get(1L));
    assertEquals(T0 + 50, channel.epochs().get(0).peakAt());
  }

  @Test
  void roleSwitchesCountOnlyActualChangesAndSplitTheSeconds() {
    TrueTimeline timeline =
        timeline(
            epoch(
                "e0",
                host(1)
                    .from(T0)
                    .to(T0 + 100)
                    .switchesTo(Role.AUDIENCE, T0 + 50)
                    .switchesTo(Role.AUDIENCE, T0 + 60) // no-op: already audience
                    .switchesTo(Role.HOST, T0 + 80)));

    ChannelFigures figures = channel(timeline, Set.of()).figures();

    assertEquals(2, figures.roleSwitches());
    assertEquals(50 + 20, figures.hostSeconds());
    assertEquals(30, figures.audienceSeconds());
    assertEquals(1, figures.uniqueHosts());
    assertEquals(1, figures.uniqueAudiences());
  }

  @Test
  void overlapOfHostAndAudienceSessionsCountsAsHost() {
    TrueTimeline timeline =
        timeline(
            epoch("e0", host(1).from(T0).to(T0 + 100), audience(1).from(T0 + 60).to(T0 + 160)));

    ChannelFigures figures = channel(timeline, Set.of()).figures();

    assertEquals(160, figures.totalSeconds());
    assertEquals(100, figures.hostSeconds());
    assertEquals(60, figures.audienceSeconds());
  }

  @Test
  void leavesApplyBeforeJoinsAtTheSameSecond() {
    TrueTimeline timeline =
        timeline(epoch("e0", host(1).from(T0).to(T0 + 10), host(2).from(T0 + 10).to(T0 + 20)));

    assertEquals(1, channel(timeline, Set.of()).figures().peakConcurrentUsers());
  }

  @Test
  void minutesAreSplitAtUtcMidnight() {
    long midnight = LocalDate.of(2024, 5, 2).toEpochDay() * 86_400;
    TrueTimeline timeline = timeline(epoch("e0", host(1).from(midnight - 90).to(midnight + 30)));

    AppExpectation app = Oracle.expect(timeline, Set.of()).apps().get(0);

    assertEquals(
        Map.of(LocalDate.of(2024, 5, 1), 90L, LocalDate.of(2024, 5, 2), 30L), app.dailySeconds());
  }

  @Test
  void lostLeaveIsClosedAtTheEpochsDestroyAndFlaggedEstimated() {
    TrueEpoch epoch =
        epoch("e0", audience(1).from(T0 + 100).to(T0 + 150), host(2).from(T0).to(T0 + 300));
    String lostLeave = epoch.sessions().get(0).leaveKey();

    ChannelExpectation channel = channel(timeline(epoch), Set.of(lostLeave));

    assertEquals(200, channel.userSeconds().get(1L), "[join, destroy] instead of 50 s");
    assertEquals(500, channel.figures().totalSeconds());
    assertEquals(200, channel.figures().audienceSeconds());
    assertEquals(1, channel.estimatedSessions());
    assertTrue(channel.unasserted().isEmpty(), "the rules decide every figure here");
  }

  @Test
  void lostJoinIsInferredFromTheLeaveInTheLeavesRole() {
    TrueEpoch epoch =
        epoch(
            "e0",
            audience(1).from(T0 + 100).to(T0 + 150).switchesTo(Role.HOST, T0 + 120),
            host(2).from(T0).to(T0 + 300));
    String lostJoin = epoch.sessions().get(0).joinKey();

    ChannelExpectation channel = channel(timeline(epoch), Set.of(lostJoin));

    assertEquals(50, channel.userSeconds().get(1L));
    assertEquals(1, channel.inferredSessions());
    assertEquals(350, channel.figures().hostSeconds(), "the whole interval in the leave's role");
    assertEquals(0, channel.figures().roleSwitches());
    assertEquals(
        Set.copyOf(ChannelFigures.ROLE_DEPENDENT),
        channel.unasserted().keySet(),
        "its role change may or may not land on another open interval");
  }

  @Test
  void roleChangeWhileALostLeaveKeepsAnIntervalOpenIsNotAsserted() {
    TrueEpoch epoch =
        epoch(
            "e0",
            host(1).from(T0).to(T0 + 100),
            host(1).from(T0 + 150).to(T0 + 250).switchesTo(Role.AUDIENCE, T0 + 200),
            host(2).from(T0).to(T0 + 300));
    String lostLeave = epoch.sessions().get(0).leaveKey();

    ChannelExpectation channel = channel(timeline(epoch), Set.of(lostLeave));

    assertEquals(300, channel.userSeconds().get(1L), "the open interval runs to the destroy");
    assertTrue(channel.unasserted().containsKey(ChannelFigures.ROLE_SWITCHES));
    assertFalse(channel.unasserted().containsKey(ChannelFigures.TOTAL_SECONDS));
  }

  @Test
  void sessionWithBothEventsLostDoesNotExist() {
    TrueEpoch epoch =
        epoch("e0", audience(1).from(T0 + 10).to(T0 + 20), host(2).from(T0).to(T0 + 30));
    var session = epoch.sessions().get(0);

    ChannelExpectation channel =
        channel(timeline(epoch), Set.of(session.joinKey(), session.leaveKey()));

    assertEquals(1, channel.figures().uniqueUsers());
    assertEquals(30, channel.figures().totalSeconds());
  }

  @Test
  void channelFiguresCoverAllEpochsAndThePeakIsTheMaximum() {
    TrueTimeline timeline =
        timeline(
            epoch("e0", host(1).from(T0).to(T0 + 100), audience(2).from(T0 + 10).to(T0 + 20)),
            epoch(
                "e1",
                host(1).from(T0 + 500).to(T0 + 600),
                audience(3).from(T0 + 510).to(T0 + 520),
                audience(4).from(T0 + 510).to(T0 + 530)));

    ChannelExpectation channel = channel(timeline, Set.of());

    assertEquals(4, channel.figures().uniqueUsers(), "uid 1 is one user across epochs");
    assertEquals(3, channel.figures().peakConcurrentUsers());
    assertEquals(
        List.of(2L, 3L),
        channel.epochs().stream().map(e -> e.figures().peakConcurrentUsers()).toList());
    assertEquals(110 + 100 + 10 + 20, channel.figures().totalSeconds());
  }

  /** The interval arithmetic against a plain second-by-second count on a generated timeline. */
  @Test
  void agreesWithASecondBySecondCountOnGeneratedTimelines() {
    var shape = new io.callpulse.simulator.timeline.TenantShape(11, 2, 6, T0, 4 * 3600);
    var scenario =
        io.callpulse.simulator.Scenario.build(
            shape,
            new io.callpulse.simulator.delivery.FaultOptions(0, 0, 0, 0, 0.2, 0.2, 0, 0, 0, 0));
    ExpectedReport report = scenario.expected();
    int channels = 0;
    for (int a = 0; a < report.apps().size(); a++) {
      var app = scenario.timeline().apps().get(a);
      var expectedChannels = report.apps().get(a).channels();
      for (int c = 0; c < expectedChannels.size(); c++) {
        String name = expectedChannels.get(c).channelName();
        var simChannel =
            app.channels().stream().filter(ch -> ch.name().equals(name)).findFirst().orElseThrow();
        long total = 0;
        long hostSeconds = 0;
        long peak = 0;
        for (TrueEpoch epoch : simChannel.epochs()) {
          List<ExpectedInterval> intervals =
              Oracle.intervals(epoch, scenario.plan().lostEventKeys(), new HashMap<>());
          for (long t = epoch.createTs(); t < epoch.destroyTs(); t++) {
            Map<Long, Boolean> present = new HashMap<>(); // uid -> is host
            for (ExpectedInterval interval : intervals) {
              for (RoleSegment segment : interval.segments()) {
                if (segment.from() <= t && t < segment.to()) {
                  present.merge(interval.uid(), segment.role() == Role.HOST, Boolean::logicalOr);
                }
              }
            }
            total += present.size();
            hostSeconds += present.values().stream().filter(h -> h).count();
            peak = Math.max(peak, present.size());
          }
        }
        ChannelFigures figures = expectedChannels.get(c).figures();
        assertEquals(total, figures.totalSeconds(), simChannel.name());
        assertEquals(hostSeconds, figures.hostSeconds(), simChannel.name());
        assertEquals(peak, figures.peakConcurrentUsers(), simChannel.name());
        channels++;
      }
    }
    assertTrue(channels >= 10);
    assertFalse(scenario.plan().lostEventKeys().isEmpty(), "the check must cover losses");
  }
}
