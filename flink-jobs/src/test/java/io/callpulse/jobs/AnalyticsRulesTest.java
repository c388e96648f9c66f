package io.callpulse.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.jobs.records.ChannelEpochRow;
import io.callpulse.jobs.records.ConcurrencyStepRow;
import io.callpulse.jobs.records.DailyChannelUsageRow;
import io.callpulse.jobs.records.EventOutcome;
import io.callpulse.jobs.records.UserSessionRow;
import io.callpulse.model.NcsEvent;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One harness test per analytics rule of agora-ncs.md §4, named after it. */
class AnalyticsRulesTest extends NcsTestBase {
  private ChannelHarness channel;

  @BeforeEach
  void open() throws Exception {
    channel = new ChannelHarness();
  }

  @AfterEach
  void close() throws Exception {
    channel.close();
  }

  private UserSessionRow onlySession() {
    List<UserSessionRow> sessions = channel.sessions();
    assertEquals(1, sessions.size(), sessions.toString());
    return sessions.get(0);
  }

  @Test
  void rule1_eventsOfAUserAreOrderedByClientSeqAndRepeatsAreIgnored() throws Exception {
    NcsEvent create = channelCreated().at(T0);
    NcsEvent join = hostJoins(7).at(T0);
    NcsEvent leave = hostLeaves(7).after(60).at(T0 + 60);
    NcsEvent sameSeqOtherType = becomesAudience(7).seq(leave.clientSeq()).at(T0 + 50);
    // Arrival order is not event order: the leave comes first.
    channel.send(create, leave, join, redundant(leave), sameSeqOtherType).flush();

    UserSessionRow session = onlySession();
    assertEquals(T0, session.joinTs());
    assertEquals(T0 + 60, session.leaveTs());
    assertEquals(60, session.seconds());
    assertFalse(session.inferred());
    assertEquals(0, session.roleSwitches());
    assertEquals(
        List.of(
            EventOutcome.APPLIED,
            EventOutcome.APPLIED,
            EventOutcome.APPLIED,
            EventOutcome.DUPLICATE_SEMANTIC,
            EventOutcome.STALE_CLIENT_SEQ),
        channel.outcomeNames());
    assertEquals(2, channel.raw().get(3).duplicate());
  }

  @Test
  void rule1_clientSeqIsComparedUnsigned() throws Exception {
    // Above Long.MAX_VALUE as unsigned: negative as a signed long, yet later than the join.
    NcsEvent join = hostJoins(7).seq(0x7FFF_FFFF_FFFF_FFF0L).at(T0);
    NcsEvent leave = hostLeaves(7).seq(0x8000_0000_0000_0010L).at(T0 + 30);
    channel.send(leave, join).flush();
    assertEquals(30, onlySession().seconds());
    assertFalse(onlySession().inferred());
  }

  @Test
  void rule2_roleChangesSplitTheIntervalAndOnlyActualChangesCount() throws Exception {
    channel
        .send(
            channelCreated().at(T0),
            audienceJoins(7).at(T0),
            becomesHost(7).at(T0 + 30),
            becomesHost(7).at(T0 + 40), // redundant: no change
            hostLeaves(7).after(90).at(T0 + 90),
            becomesHost(8).at(T0 + 10)) // no session: kept raw, not counted
        .flush();

    UserSessionRow session = onlySession();
    assertEquals("audience", session.startRole());
    assertEquals(1, session.roleSwitches());
    assertEquals(60, session.hostSeconds());
    assertEquals(30, session.audienceSeconds());
    ChannelEpochRow epoch = channel.onlyEpoch();
    assertEquals(1, epoch.roleSwitches());
    assertEquals(1, epoch.uniqueUsers());
    assertEquals(1, epoch.uniqueHosts());
    assertEquals(1, epoch.uniqueAudiences());
    assertEquals(EventOutcome.ROLE_WITHOUT_SESSION, channel.outcomeNames().get(5));
  }

  @Test
  void rule2_communicationProfileUsersAreHostsWithoutSwitches() throws Exception {
    channel
        .send(
            userJoins(7).at(T0), becomesAudience(7).at(T0 + 5), userLeaves(7).after(20).at(T0 + 20))
        .flush();
    UserSessionRow session = onlySession();
    assertTrue(session.communicationMode());
    assertEquals(20, session.hostSeconds());
    assertEquals(0, session.roleSwitches());
  }

  @Test
  void rule3_aLeaveClosesTheJoinAtTsMinusDurationNeverAnUnrelatedOne() throws Exception {
    NcsEvent stale = hostJoins(7).at(T0); // its leave is lost
    NcsEvent rejoin = hostJoins(7).at(T0 + 100);
    NcsEvent leave = hostLeaves(7).after(60).at(T0 + 161); // matches T0+101 ± 2 s
    channel.send(channelCreated().at(T0), stale, rejoin, leave, channelDestroyed().at(T0 + 300));
    channel.flush();

    List<UserSessionRow> sessions =
        channel.sessions().stream()
            .sorted(Comparator.comparingLong(UserSessionRow::joinTs))
            .toList();
    assertEquals(2, sessions.size());
    assertEquals(T0 + 300, sessions.get(0).seconds() + T0, "stale one closed at the 102");
    assertTrue(sessions.get(0).estimated());
    assertNull(sessions.get(0).leaveTs());
    assertEquals(T0 + 161, sessions.get(1).leaveTs());
    assertEquals(61, sessions.get(1).seconds());
    assertFalse(sessions.get(1).estimated());
  }

  @Test
  void rule3_withoutDurationTheLatestEarlierJoinIsClosed() throws Exception {
    NcsEvent first = hostJoins(7).at(T0);
    NcsEvent second = hostJoins(7).at(T0 + 20);
    NcsEvent leave = hostLeaves(7).at(T0 + 50); // no duration
    channel.send(leave, first, second).flush();
    List<UserSessionRow> sessions =
        channel.sessions().stream()
            .sorted(Comparator.comparingLong(UserSessionRow::joinTs))
            .toList();
    assertEquals("open", sessions.get(0).state());
    assertEquals(T0 + 50, sessions.get(1).leaveTs());
  }

  @Test
  void rule4_aLeaveWithoutJoinIsInferredAndALateJoinFillsItIn() throws Exception {
    channel.send(channelCreated().at(T0));
    NcsEvent join = audienceJoins(7).at(T0 + 10);
    NcsEvent leave = audienceLeaves(7).after(60).at(T0 + 70);
    channel.send(leave).flush();
    UserSessionRow inferred = onlySession();
    assertTrue(inferred.inferred());
    assertEquals(T0 + 10, inferred.joinTs());
    assertEquals(60, inferred.audienceSeconds());
    assertEquals("audience", inferred.startRole());

    channel.send(join).flush();
    UserSessionRow filled = onlySession();
    assertFalse(filled.inferred());
    assertEquals(60, filled.seconds());
    assertEquals(60, channel.onlyEpoch().totalSeconds());
    assertEquals(1, channel.onlyEpoch().sessions());
  }

  @Test
  void rule5_aJoinWithoutLeaveIsClosedAtTheDestroy() throws Exception {
    channel.send(channelCreated().at(T0), hostJoins(7).at(T0), hostJoins(8).at(T0 + 10));
    channel.send(hostLeaves(8).after(30).at(T0 + 40), channelDestroyed().at(T0 + 100)).flush();
    UserSessionRow open = channel.sessions().stream().filter(s -> s.uid() == 7).findFirst().get();
    assertTrue(open.estimated());
    assertEquals("closed", open.state());
    assertEquals(100, open.seconds());
    assertEquals("destroy", channel.onlyEpoch().closedBy());
    assertEquals(130, channel.onlyEpoch().totalSeconds());
  }

  @Test
  void rule5_withoutDestroyTheInactivityHorizonClosesIt() throws Exception {
    channel.send(channelCreated().at(T0), hostJoins(7).at(T0), hostJoins(8).at(T0 + 50)).flush();
    assertEquals("open", channel.onlyEpoch().closedBy());
    assertTrue(channel.sessions().stream().allMatch(s -> s.state().equals("open")));

    // Live: both are still counted present after the last event.
    assertEquals(
        2,
        channel.steps().stream()
            .max(Comparator.comparingLong(ConcurrencyStepRow::ts))
            .orElseThrow()
            .users());

    channel.watermark(T0 + 50 + ChannelHarness.GAP);
    // Closed at the last activity: the live steps are replaced by the proven ones.
    assertEquals(
        0,
        channel.steps().stream()
            .max(Comparator.comparingLong(ConcurrencyStepRow::ts))
            .orElseThrow()
            .users());
    ChannelEpochRow epoch = channel.onlyEpoch();
    assertEquals("inactivity", epoch.closedBy());
    // Closed at the last evidence of activity (a lower bound), flagged estimated.
    assertEquals(50, epoch.totalSeconds());
    assertTrue(
        channel.sessions().stream().allMatch(s -> s.estimated() && s.state().equals("closed")));
  }

  @Test
  void rule6_overlappingIntervalsCountOnceAndAsHostIfAnyIsHost() throws Exception {
    channel.send(
        channelCreated().at(T0),
        audienceJoins(7).at(T0), // phone, audience
        hostJoins(7).at(T0 + 20), // laptop, host
        hostLeaves(7).after(30).at(T0 + 50),
        audienceLeaves(7).after(80).at(T0 + 80),
        channelDestroyed().at(T0 + 80));
    channel.flush();
    ChannelEpochRow epoch = channel.onlyEpoch();
    assertEquals(80, epoch.totalSeconds());
    assertEquals(30, epoch.hostSeconds());
    assertEquals(50, epoch.audienceSeconds());
    assertEquals(1, epoch.uniqueUsers());
    assertEquals(1, epoch.peakConcurrentUsers());
    assertEquals(2, epoch.sessions());
  }

  @Test
  void rule7_eventsBelongToTheEpochWhose101To102CoversThem() throws Exception {
    channel.send(
        channelCreated().at(T0),
        hostJoins(7).at(T0),
        hostLeaves(7).after(60).at(T0 + 60),
        channelDestroyed().at(T0 + 60),
        channelDestroyed().at(T0 + 61), // a second 102 of the same destroy
        channelCreated().at(T0 + 500),
        hostJoins(7).at(T0 + 500),
        hostLeaves(7).after(30).at(T0 + 530),
        channelDestroyed().at(T0 + 530));
    channel.flush();
    List<ChannelEpochRow> epochs =
        channel.epochs().stream().sorted(Comparator.comparing(ChannelEpochRow::epochId)).toList();
    assertEquals(2, epochs.size());
    assertEquals(Long.toString(T0), epochs.get(0).epochId());
    assertEquals(60, epochs.get(0).totalSeconds());
    assertEquals(T0 + 61, epochs.get(0).destroyTs());
    assertEquals(30, epochs.get(1).totalSeconds());
  }

  @Test
  void rule7_aProvisionalEpochKeepsItsIdWhenIts101Arrives() throws Exception {
    channel.send(hostJoins(7).at(T0), hostJoins(8).at(T0 + 5)).flush();
    ChannelEpochRow provisional = channel.onlyEpoch();
    assertTrue(provisional.provisional());

    channel.send(channelCreated().at(T0)).flush();
    ChannelEpochRow anchored = channel.onlyEpoch();
    assertEquals(provisional.epochId(), anchored.epochId());
    assertFalse(anchored.provisional());
    assertEquals(T0, anchored.createTs());
  }

  @Test
  void rule7_aMergedProvisionalEpochIsDeleted() throws Exception {
    // The join comes 3 s before its 101 (clock skew): provisional at first...
    channel.send(hostJoins(7).at(T0 + 3), hostLeaves(7).after(17).at(T0 + 20)).flush();
    String provisionalId = channel.onlyEpoch().epochId();
    // ...then the 101 at T0 anchors an epoch covering it; the provisional id disappears.
    channel.send(channelCreated().at(T0)).flush();
    ChannelEpochRow epoch = channel.onlyEpoch();
    assertEquals(Long.toString(T0), epoch.epochId());
    assertTrue(!epoch.epochId().equals(provisionalId));
    assertTrue(
        channel.epochRowsEmitted().stream()
            .anyMatch(e -> e.isDeleted() && e.epochId().equals(provisionalId)));
    assertEquals(17, epoch.totalSeconds());
  }

  @Test
  void rule7_anInactivityGapStartsANewEpoch() throws Exception {
    try (ChannelHarness shortGap = new ChannelHarness(600, 60)) {
      shortGap.send(
          hostJoins(7).at(T0),
          hostLeaves(7).after(60).at(T0 + 60),
          hostJoins(8).at(T0 + 2000),
          hostLeaves(8).after(10).at(T0 + 2010));
      shortGap.flush();
      assertEquals(2, shortGap.epochs().size());
      // A long call without events in between is not a gap: the leave proves presence.
      shortGap.send(hostJoins(9).at(T0 + 5000), hostLeaves(9).after(4000).at(T0 + 9000)).flush();
      assertEquals(3, shortGap.epochs().size());
    }
  }

  @Test
  void rule8_concurrencyIsAStepFunctionWithLeavesBeforeJoinsAtEqualSeconds() throws Exception {
    channel.send(
        channelCreated().at(T0),
        hostJoins(1).at(T0),
        audienceJoins(2).at(T0 + 10),
        hostLeaves(1).after(30).at(T0 + 30),
        audienceJoins(3).at(T0 + 30), // same second as 1 leaves: never 3 at once
        audienceLeaves(2).after(30).at(T0 + 40),
        audienceLeaves(3).after(40).at(T0 + 70),
        channelDestroyed().at(T0 + 70));
    channel.flush();
    List<ConcurrencyStepRow> steps =
        channel.steps().stream().sorted(Comparator.comparingLong(ConcurrencyStepRow::ts)).toList();
    assertEquals(
        List.of(
            List.of(T0, 1, 1, 0),
            List.of(T0 + 10, 2, 1, 1),
            List.of(T0 + 30, 2, 0, 2),
            List.of(T0 + 40, 1, 0, 1),
            List.of(T0 + 70, 0, 0, 0)),
        steps.stream()
            .map(s -> List.<Object>of(s.ts(), s.users(), s.hosts(), s.audiences()))
            .toList());
    assertEquals(2, channel.onlyEpoch().peakConcurrentUsers());
    assertEquals(T0 + 10, channel.onlyEpoch().peakAt());
    // T0 = 22:13:20, so T0+10..T0+40 lie in the minute starting at T0 - 20.
    assertEquals(
        2,
        channel.minutes().stream().filter(m -> m.minute() == T0 - 20).findFirst().get().maxUsers());
  }

  @Test
  void rule9_figuresAddUp() throws Exception {
    channel.send(
        channelCreated().at(T0),
        hostJoins(1).at(T0),
        audienceJoins(2).at(T0),
        becomesHost(2).at(T0 + 20),
        hostLeaves(2).after(50).at(T0 + 50),
        hostLeaves(1).after(100).at(T0 + 100),
        channelDestroyed().at(T0 + 100));
    channel.flush();
    ChannelEpochRow epoch = channel.onlyEpoch();
    assertEquals(150, epoch.totalSeconds());
    assertEquals(130, epoch.hostSeconds());
    assertEquals(20, epoch.audienceSeconds());
    assertEquals(epoch.totalSeconds(), epoch.hostSeconds() + epoch.audienceSeconds());
    assertEquals(2, epoch.uniqueUsers());
    assertEquals(2, epoch.uniqueHosts());
    assertEquals(1, epoch.uniqueAudiences());
    assertEquals(1, epoch.roleSwitches());
    assertEquals(2, epoch.sessions());
    assertEquals(2, epoch.peakConcurrentUsers());
    assertEquals(T0, epoch.peakAt());
    assertEquals("destroy", epoch.closedBy());
  }

  @Test
  void rule10_minutesAreSplitAtDayBoundaries() throws Exception {
    long midnight = LocalDate.of(2023, 11, 15).toEpochDay() * ONE_DAY;
    channel.send(
        channelCreated().at(midnight - 600),
        hostJoins(1).platform(7).at(midnight - 600),
        hostLeaves(1).after(1800).at(midnight + 1200),
        channelDestroyed().at(midnight + 1200));
    channel.flush();
    List<DailyChannelUsageRow> days =
        channel.dailyChannel().stream()
            .sorted(Comparator.comparing(DailyChannelUsageRow::day))
            .toList();
    assertEquals(2, days.size());
    assertEquals(LocalDate.of(2023, 11, 14), days.get(0).date());
    assertEquals(600, days.get(0).seconds());
    assertEquals(1200, days.get(1).seconds());
    assertEquals(7, days.get(1).platform());
    assertEquals(-1, days.get(1).clientType());
    assertEquals(2, channel.dailyUser().size());
  }

  @Test
  void aReplayKeepsOneEventTimeTimerPerChannelAndA102ClosesItInEventTime() throws Exception {
    // An hour of a busy channel replayed with no processing time passing: event time alone must
    // neither pile up timers nor re-derive the channel every grace period.
    channel.send(channelCreated().at(T0));
    for (int i = 0; i < 60; i++) {
      long ts = T0 + 60L * i;
      channel.send(hostJoins(i).at(ts), hostLeaves(i).after(50).at(ts + 50));
      channel.eventTime(ts + 50);
      assertEquals(1, channel.harness.numEventTimeTimers(), "event-time timers after minute " + i);
    }
    int emittedBeforeDestroy = channel.epochRowsEmitted().size();
    assertTrue(
        emittedBeforeDestroy <= 1,
        "an hour of event time re-derived the channel " + emittedBeforeDestroy + " times");

    long destroyedAt = T0 + 3600;
    channel.send(channelDestroyed().at(destroyedAt));
    channel.eventTime(destroyedAt + ChannelHarness.GRACE);
    assertEquals("destroy", channel.onlyEpoch().closedBy(), "closed without a processing flush");
    assertEquals(60, channel.onlyEpoch().uniqueUsers());
  }

  @Test
  void closingAChannelClearsAllStateButItsTombstoneAndLaterEventsCountAsLate() throws Exception {
    channel.send(
        channelCreated().at(T0),
        hostJoins(1).at(T0),
        hostLeaves(1).after(30).at(T0 + 30),
        channelDestroyed().at(T0 + 30));
    channel.flush();
    assertTrue(channel.stateEntries() > 0);
    assertEquals("destroy", channel.onlyEpoch().closedBy());

    channel.watermark(T0 + 30 + ChannelHarness.GRACE);
    assertTrue(channel.stateEntries() > 1, "final in event time, within the processing grace");
    channel.afterGrace();
    assertEquals(1, channel.stateEntries(), "only the tombstone is left");
    assertEquals(0, channel.timers());
    assertEquals(30, channel.onlyEpoch().totalSeconds(), "the rows stay in the table");

    channel.send(hostLeaves(2).after(5).at(T0 + 20)).flush();
    assertEquals(EventOutcome.LATE_AFTER_CLOSE, channel.outcomeNames().get(4));
    assertEquals(1, channel.stateEntries());
    assertEquals(30, channel.onlyEpoch().totalSeconds());

    // After the tombstone's TTL (the noticeId dedup window) a replay is counted as new traffic.
    channel.afterTombstoneTtl().send(hostJoins(3).at(T0 + 20)).flush();
    assertEquals(EventOutcome.APPLIED, channel.outcomeNames().get(5));
  }

  @Test
  void aReplayRacingAheadInEventTimeStillAppliesEventsReorderedBySeconds() throws Exception {
    // Event time is hours past the epoch's end (other channels of the replay moved it), but no
    // processing time has passed: the leave delivered a moment late still counts.
    channel.send(channelCreated().at(T0), hostJoins(1).at(T0), channelDestroyed().at(T0 + 600));
    channel.eventTime(T0 + 5 * 3600).flush();
    assertEquals(600, channel.onlyEpoch().totalSeconds(), "the 102 closes the open join");
    channel.send(hostLeaves(1).after(300).at(T0 + 300)).flush();
    assertEquals(EventOutcome.APPLIED, channel.outcomeNames().get(3));
    assertEquals(300, channel.onlyEpoch().totalSeconds());
    channel.afterGrace();
    assertEquals(1, channel.stateEntries(), "final: only the tombstone is left");
  }

  @Test
  void aBackfillOfOldEventsIsCountedNotLate() throws Exception {
    long lastWeek = T0 - 7 * 24 * 3600;
    channel.eventTime(T0 + 3600); // live traffic of other channels
    channel
        .send(
            channelCreated().at(lastWeek),
            audienceJoins(4).at(lastWeek + 10),
            audienceLeaves(4).after(50).at(lastWeek + 60),
            channelDestroyed().at(lastWeek + 60))
        .flush();
    assertTrue(channel.outcomeNames().stream().allMatch(EventOutcome.APPLIED::equals));
    assertEquals(50, channel.onlyEpoch().audienceSeconds());
  }

  @Test
  void rule7_droppingAFinalizedEpochDoesNotMergeTheEpochsAroundIt() throws Exception {
    // A: no 102 (open), B: 101..102 inside A's inactivity gap, C: no 101 (provisional) after B.
    channel.send(
        channelCreated().at(T0),
        hostJoins(1).at(T0),
        hostLeaves(1).after(10).at(T0 + 10),
        channelCreated().at(T0 + 100),
        hostJoins(2).at(T0 + 100),
        hostLeaves(2).after(20).at(T0 + 120),
        channelDestroyed().at(T0 + 120));
    channel.watermark(T0 + 120 + ChannelHarness.GRACE).afterGrace(); // B leaves the state
    assertEquals(2, channel.epochs().size());
    channel.send(hostJoins(3).at(T0 + 300), hostLeaves(3).after(30).at(T0 + 330)).flush();

    List<ChannelEpochRow> epochs =
        channel.epochs().stream().sorted(Comparator.comparing(ChannelEpochRow::epochId)).toList();
    assertEquals(3, epochs.size(), epochs.toString());
    assertEquals(10, epochs.get(0).totalSeconds());
    assertEquals(20, epochs.get(1).totalSeconds());
    assertEquals(30, epochs.get(2).totalSeconds());
    assertTrue(epochs.get(2).provisional());
  }

  @Test
  void aDestroyedChannelsRowsAppearWithinOneFlushWithoutMoreTraffic() throws Exception {
    channel.send(
        channelCreated().at(T0),
        hostJoins(1).at(T0),
        hostLeaves(1).after(30).at(T0 + 30),
        channelDestroyed().at(T0 + 30));
    assertTrue(channel.epochRowsEmitted().isEmpty(), "rows are coalesced, not sent per event");
    channel.flush(); // one second of processing time, no watermark, no more events
    assertEquals("destroy", channel.onlyEpoch().closedBy());
    assertEquals(30, channel.onlyEpoch().totalSeconds());
    assertTrue(channel.sessions().stream().allMatch(s -> s.state().equals("closed")));
  }
}
