package io.callpulse.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.jobs.records.ChannelEpochRow;
import io.callpulse.jobs.records.ConcurrencyStepRow;
import io.callpulse.jobs.records.EventOutcome;
import io.callpulse.jobs.records.UserSessionRow;
import io.callpulse.model.NcsEvent;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** agora-ncs.md §5: the seed system's bugs 1-7, each proven fixed here. */
class OldSystemBugsTest extends NcsTestBase {
  private ChannelHarness channel;

  @BeforeEach
  void open() throws Exception {
    channel = new ChannelHarness();
  }

  @AfterEach
  void close() throws Exception {
    channel.close();
  }

  private List<ChannelEpochRow> epochsInOrder() {
    return channel.epochs().stream()
        .sorted(Comparator.comparing(ChannelEpochRow::epochId))
        .toList();
  }

  @Test
  void bug1_aSecondJoinWhileStillInTheChannelIsKept() throws Exception {
    channel.send(
        channelCreated().at(T0),
        hostJoins(7).platform(1).at(T0), // phone
        hostJoins(7).platform(7).at(T0 + 30), // the same user on the web
        hostLeaves(7).after(60).at(T0 + 60),
        hostLeaves(7).after(60).at(T0 + 90),
        channelDestroyed().at(T0 + 90));
    channel.flush();
    assertTrue(channel.outcomeNames().stream().allMatch(EventOutcome.APPLIED::equals));
    ChannelEpochRow epoch = channel.onlyEpoch();
    assertEquals(2, epoch.sessions());
    assertEquals(90, epoch.totalSeconds(), "the union, not 120");
    assertEquals(List.of(1, 7), java.util.Arrays.stream(epoch.platforms()).boxed().toList());
  }

  @Test
  void bug2_aStaleOpenIntervalAndALateLeaveFromAnotherDayGiveNoPhantomSession() throws Exception {
    long nextDay = T0 + ONE_DAY;
    channel.send(
        channelCreated().at(T0),
        hostJoins(7).at(T0), // its leave is lost
        channelDestroyed().at(T0 + 100));
    NcsEvent join = hostJoins(7).at(nextDay);
    NcsEvent leave = hostLeaves(7).after(60).at(nextDay + 60);
    channel.send(channelCreated().at(nextDay), leave, channelDestroyed().at(nextDay + 60));
    channel.flush();
    List<ChannelEpochRow> epochs = epochsInOrder();
    assertEquals(100, epochs.get(0).totalSeconds());
    assertEquals(60, epochs.get(1).totalSeconds());
    assertTrue(channel.sessions().stream().allMatch(s -> s.seconds() <= 100));

    channel.send(join).flush();
    assertEquals(60, epochsInOrder().get(1).totalSeconds());
    assertTrue(channel.sessions().stream().allMatch(s -> s.seconds() <= 100));
  }

  @Test
  void bug3_aRedundantLeaveWithANewNoticeIdDoesNotDoubleTheMinutes() throws Exception {
    NcsEvent join = hostJoins(7).at(T0);
    NcsEvent leave = hostLeaves(7).after(120).at(T0 + 120);
    channel.send(channelCreated().at(T0), join, leave, redundant(leave));
    channel.send(channelDestroyed().at(T0 + 120)).flush();
    assertEquals(120, channel.onlyEpoch().totalSeconds());
    assertEquals(1, channel.sessions().size());
    assertEquals(EventOutcome.DUPLICATE_SEMANTIC, channel.outcomeNames().get(3));
  }

  @Test
  void bug4_leaveBeforeJoinLeavesNoOpenSession() throws Exception {
    NcsEvent join = audienceJoins(7).at(T0);
    NcsEvent leave = audienceLeaves(7).after(45).at(T0 + 45);
    channel.send(channelCreated().at(T0), leave, join, channelDestroyed().at(T0 + 45)).flush();
    UserSessionRow session = channel.sessions().get(0);
    assertEquals(1, channel.sessions().size());
    assertEquals("closed", session.state());
    assertEquals(45, session.seconds());

    channel.watermark(T0 + 45 + ChannelHarness.GRACE).afterGrace();
    assertEquals(1, channel.stateEntries(), "nothing open is left, only the channel's tombstone");
    assertEquals(0, channel.timers());
  }

  @Test
  void bug5_aJoinWithoutLeaveIsClosedByThe102() throws Exception {
    channel.send(channelCreated().at(T0), hostJoins(7).at(T0 + 10), channelDestroyed().at(T0 + 70));
    channel.flush();
    UserSessionRow session = channel.sessions().get(0);
    assertEquals("closed", session.state());
    assertTrue(session.estimated());
    assertEquals(60, session.seconds());
    channel.watermark(T0 + 70 + ChannelHarness.GRACE).afterGrace();
    assertEquals(1, channel.stateEntries(), "nothing open is left, only the channel's tombstone");
  }

  @Test
  void bug6_aRedundant112CountsOneSwitch() throws Exception {
    channel.send(
        channelCreated().at(T0),
        hostJoins(7).at(T0),
        becomesAudience(7).at(T0 + 10),
        becomesAudience(7).at(T0 + 11),
        hostLeaves(7).after(30).at(T0 + 30));
    channel.flush();
    assertEquals(1, channel.onlyEpoch().roleSwitches());
    assertEquals(10, channel.onlyEpoch().hostSeconds());
  }

  @Test
  void bug6_aLaterSessionsRoleEventIsNotAppliedToAnEarlierOne() throws Exception {
    long nextDay = T0 + ONE_DAY;
    channel.send(
        channelCreated().at(T0),
        audienceJoins(7).at(T0), // leave lost: open until the 102
        channelDestroyed().at(T0 + 100),
        channelCreated().at(nextDay),
        becomesHost(7).at(nextDay + 10), // its join is lost too
        audienceJoins(8).at(nextDay),
        audienceLeaves(8).after(20).at(nextDay + 20),
        channelDestroyed().at(nextDay + 20));
    channel.flush();
    List<ChannelEpochRow> epochs = epochsInOrder();
    assertEquals(0, epochs.get(0).roleSwitches());
    assertEquals(100, epochs.get(0).audienceSeconds());
    assertEquals(0, epochs.get(1).roleSwitches());
    assertEquals(EventOutcome.ROLE_WITHOUT_SESSION, channel.outcomeNames().get(4));
  }

  @Test
  void bug7_concurrencyDoesNotDropWhenOneOfAUsersOverlappingIntervalsEnds() throws Exception {
    channel.send(
        channelCreated().at(T0),
        hostJoins(7).at(T0),
        hostJoins(8).at(T0),
        hostJoins(7).at(T0 + 20), // second device
        hostLeaves(7).after(40).at(T0 + 40), // first device leaves: 7 is still there
        hostLeaves(7).after(60).at(T0 + 80),
        hostLeaves(8).after(100).at(T0 + 100),
        channelDestroyed().at(T0 + 100));
    channel.flush();
    List<ConcurrencyStepRow> steps =
        channel.steps().stream().sorted(Comparator.comparingLong(ConcurrencyStepRow::ts)).toList();
    assertEquals(
        List.of(List.of(T0, 2), List.of(T0 + 80, 1), List.of(T0 + 100, 0)),
        steps.stream().map(s -> List.<Object>of(s.ts(), s.users())).toList());
  }
}
