package io.callpulse.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callpulse.jobs.records.DailyChannelUsageRow;
import io.callpulse.jobs.records.DailyUsageInput;
import io.callpulse.jobs.records.DailyUserUsageRow;
import io.callpulse.jobs.records.OutboundNotification;
import io.callpulse.model.NcsEvent;
import io.callpulse.model.OutboundEventIds;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/** {@code usage.daily.final}: one notification per app and day, once the day cannot change. */
class AppDailyUsageTest extends NcsTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Day D is the day of T0 (UTC); it ends at END_D. */
  private static final LocalDate D = LocalDate.ofEpochDay(Math.floorDiv(T0, ONE_DAY));

  private static final long END_D = (D.toEpochDay() + 1) * ONE_DAY;
  private static final int DAY = (int) D.toEpochDay();

  /** Event time at which D is final in event time: its end + gap + grace. */
  private static final long D_FINAL = END_D + ChannelHarness.GAP + ChannelHarness.GRACE;

  /**
   * room-1 on D: host 1 [T0, T0+600], audience 2 [T0+100, T0+700]. room-2 crosses midnight: host 1
   * [END_D-1000, END_D+1000], audience 3 [END_D-500, END_D+500]. D: 600+600+1000+500 = 2700 s, 1600
   * host, 1100 audience, users {1,2,3}, 2 channels. D+1: 1500 s, 1000 host, 500 audience, 2 users.
   */
  private List<NcsEvent> twoChannels() {
    return List.of(
        channelCreated().at(T0),
        hostJoins(1).at(T0),
        audienceJoins(2).at(T0 + 100),
        hostLeaves(1).after(600).at(T0 + 600),
        audienceLeaves(2).after(600).at(T0 + 700),
        channelDestroyed().at(T0 + 700),
        channelCreated().in("room-2").at(END_D - 1000),
        hostJoins(1).in("room-2").at(END_D - 1000),
        audienceJoins(3).in("room-2").at(END_D - 500),
        audienceLeaves(3).in("room-2").after(1000).at(END_D + 500),
        hostLeaves(1).in("room-2").after(2000).at(END_D + 1000),
        channelDestroyed().in("room-2").at(END_D + 1000));
  }

  private void sendTwoChannels(ChannelHarness channel, AppDailyHarness app) throws Exception {
    channel.send(twoChannels()).flush();
    app.pump(channel);
  }

  /** Event time reaches {@code seconds} in the channel operator, then in the app operator. */
  private static void eventTime(ChannelHarness channel, AppDailyHarness app, long seconds)
      throws Exception {
    channel.eventTime(seconds);
    app.pump(channel).watermark(seconds);
  }

  private static void afterGrace(ChannelHarness channel, AppDailyHarness app) throws Exception {
    channel.afterGrace();
    app.pump(channel);
  }

  private static void assertFigures(
      OutboundNotification n,
      LocalDate day,
      long seconds,
      long host,
      long audience,
      int users,
      int channels)
      throws Exception {
    assertEquals(OutboundEventIds.USAGE_DAILY_FINAL, n.type());
    assertEquals(
        OutboundEventIds.of(OutboundEventIds.USAGE_DAILY_FINAL, APP, day.toString()), n.eventId());
    assertEquals(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond(), n.occurredAt());
    JsonNode data = JSON.readTree(n.dataJson());
    assertEquals(day.toString(), data.get("day").asText());
    assertEquals(seconds, data.get("seconds").asLong());
    assertEquals(host, data.get("hostSeconds").asLong());
    assertEquals(audience, data.get("audienceSeconds").asLong());
    assertEquals(users, data.get("users").asInt());
    assertEquals(channels, data.get("channels").asInt());
  }

  @Test
  void aDayIsAnnouncedOnceAllItsEpochsAreFinalAndEventTimeIsPastIt() throws Exception {
    try (ChannelHarness channel = new ChannelHarness();
        AppDailyHarness app = new AppDailyHarness()) {
      sendTwoChannels(channel, app);

      eventTime(channel, app, T0 + 700 + ChannelHarness.GRACE);
      afterGrace(channel, app);
      assertTrue(app.notifications().isEmpty(), "room-2 is still live on D");

      eventTime(channel, app, END_D + 1000 + ChannelHarness.GRACE);
      afterGrace(channel, app);
      assertTrue(app.notifications().isEmpty(), "both final, but an epoch could still appear");

      eventTime(channel, app, D_FINAL);
      assertEquals(1, app.notifications().size());
      assertFigures(app.notifications().get(0), D, 2700, 1600, 1100, 3, 2);
      assertEquals(
          2700 + 1500,
          channel.dailyChannel().stream().mapToLong(DailyChannelUsageRow::seconds).sum(),
          "the figures are the sums of the daily rows");

      eventTime(channel, app, D_FINAL + ONE_DAY);
      assertEquals(2, app.notifications().size());
      assertFigures(app.notifications().get(1), D.plusDays(1), 1500, 1000, 500, 2, 1);

      // A backfill of D for a channel the job never saw: applied by the channel operator, too
      // late for the app's day (its channel row and user row are counted).
      channel
          .send(hostJoins(9).in("room-3").at(T0 + 1000))
          .send(hostLeaves(9).in("room-3").after(100).at(T0 + 1100));
      channel.flush();
      app.pump(channel);
      eventTime(channel, app, D_FINAL + 2 * ONE_DAY);
      afterGrace(channel, app);
      assertEquals(2, app.lateContributions());
      assertEquals(2, app.notifications().size(), "a day is announced once");
      assertEquals(1, app.stateEntries(), "only the map of announced days is left");
      assertEquals(0, app.timers());
    }
  }

  @Test
  void aLateNewEpochOfADayInAChannelBusyLaterReachesTheDayBeforeItIsAnnounced() throws Exception {
    try (ChannelHarness channel = new ChannelHarness();
        AppDailyHarness app = new AppDailyHarness()) {
      sendTwoChannels(channel, app);
      // room-5 is seen first on D+1, so its event-time timer is armed late, after D_FINAL
      channel
          .send(
              channelCreated().in("room-5").at(END_D + 10_000),
              hostJoins(4).in("room-5").at(END_D + 10_000),
              hostLeaves(4).in("room-5").after(600).at(END_D + 10_600),
              channelDestroyed().in("room-5").at(END_D + 10_600))
          .flush();
      app.pump(channel);
      eventTime(channel, app, END_D + 1000 + ChannelHarness.GRACE);
      afterGrace(channel, app); // room-1 and room-2 are final

      // a backfill of D for room-5, replayed: event time only, no processing-time flush
      channel.send(
          hostJoins(8).in("room-5").at(T0 + 2000),
          hostLeaves(8).in("room-5").after(100).at(T0 + 2100));
      eventTime(channel, app, D_FINAL);
      assertTrue(
          app.notifications().isEmpty(), "room-5's epoch on D reached the app and is not final");

      afterGrace(channel, app);
      assertEquals(1, app.notifications().size());
      assertFigures(app.notifications().get(0), D, 2800, 1700, 1100, 4, 3);
    }
  }

  @Test
  void eventTimePastTheDayIsNotEnoughWhileAnEpochIsInItsGrace() throws Exception {
    try (ChannelHarness channel = new ChannelHarness();
        AppDailyHarness app = new AppDailyHarness()) {
      sendTwoChannels(channel, app);
      eventTime(channel, app, D_FINAL);
      assertTrue(app.notifications().isEmpty(), "no epoch is final before its processing grace");

      afterGrace(channel, app);
      assertEquals(1, app.notifications().size());
      assertFigures(app.notifications().get(0), D, 2700, 1600, 1100, 3, 2);
    }
  }

  private static DailyUsageInput channelRow(
      String channel, String epoch, String role, long seconds, long version, boolean deleted) {
    return DailyUsageInput.of(
        new DailyChannelUsageRow(
            APP, DAY, channel, epoch, role, -1, -1, seconds, 1, version, deleted));
  }

  private static DailyUsageInput userRow(
      String channel, String epoch, long uid, String role, long seconds, long version) {
    return DailyUsageInput.of(
        new DailyUserUsageRow(
            APP, DAY, uid, channel, epoch, role, -1, -1, seconds, 1, version, seconds == 0));
  }

  /**
   * One epoch as the channel operator sends it: each row when its key appears, the audience rows
   * when they vanish, then the epoch's final rows and its mark.
   */
  private static DailyUsageInput[] oneEpochAsSent() {
    return new DailyUsageInput[] {
      channelRow("c1", "e1", "host", 100, 1, false),
      userRow("c1", "e1", 5, "host", 100, 1),
      channelRow("c1", "e1", "audience", 40, 1, false),
      userRow("c1", "e1", 6, "audience", 40, 1),
      channelRow("c1", "e1", "audience", 0, 3, true),
      userRow("c1", "e1", 6, "audience", 0, 3),
      channelRow("c1", "e1", "host", 150, 4, false).asFinal(),
      userRow("c1", "e1", 5, "host", 150, 4).asFinal(),
      DailyUsageInput.epochFinal(APP, "c1", "e1")
    };
  }

  @Test
  void onlyFinalRowsCountAndLateRowsChangeNothing() throws Exception {
    try (AppDailyHarness app = new AppDailyHarness()) {
      app.send(oneEpochAsSent()).watermark(D_FINAL);
      assertEquals(1, app.notifications().size());
      assertFigures(app.notifications().get(0), D, 150, 150, 0, 1, 1);
      assertEquals(1, app.stateEntries(), "only the map of announced days is left");
      assertEquals(0, app.timers());

      // As the channel operator sends a late epoch: the row when it appears, again when final.
      app.send(channelRow("c2", "e2", "host", 10, 1, false))
          .send(channelRow("c2", "e2", "host", 10, 2, false).asFinal())
          .send(DailyUsageInput.epochFinal(APP, "c2", "e2"))
          .watermark(D_FINAL + ONE_DAY);
      assertEquals(1, app.lateContributions());
      assertEquals(1, app.notifications().size());
      assertEquals(1, app.stateEntries());
    }
  }

  @Test
  void aRestoredOperatorAnnouncesTheSameDayWithTheSameIdAndNotAgainAfterward() throws Exception {
    OperatorSubtaskState beforeAnnouncing;
    OperatorSubtaskState afterAnnouncing;
    OutboundNotification first;
    try (AppDailyHarness app = new AppDailyHarness()) {
      app.send(oneEpochAsSent());
      beforeAnnouncing = app.snapshot();
      app.watermark(D_FINAL);
      first = app.notifications().get(0);
      afterAnnouncing = app.snapshot();
    }
    try (AppDailyHarness restored = AppDailyHarness.restoredFrom(beforeAnnouncing)) {
      restored.watermark(D_FINAL);
      assertEquals(List.of(first), restored.notifications());
    }
    try (AppDailyHarness restored = AppDailyHarness.restoredFrom(afterAnnouncing)) {
      restored
          .send(channelRow("c1", "e1", "host", 150, 4, false).asFinal())
          .watermark(D_FINAL + ONE_DAY);
      assertTrue(restored.notifications().isEmpty());
      assertEquals(1, restored.lateContributions());
    }
  }
}
