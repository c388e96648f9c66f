package io.callpulse.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.jobs.functions.AnalyticsOutputs;
import io.callpulse.jobs.functions.FlushSchedule;
import io.callpulse.jobs.records.ChannelEpochRow;
import io.callpulse.model.OutboundEventIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A flush reads every live event of its channel, so a big channel flushes less often (at most
 * {@code --max-flush-ms} apart), while a small one and a destroyed one still go out at the next
 * tick.
 */
class FlushSpacingTest extends NcsTestBase {
  private static final int PER_INTERVAL = FlushSchedule.LIVE_EVENTS_PER_INTERVAL;
  private ChannelHarness channel;

  @BeforeEach
  void open() throws Exception {
    channel = new ChannelHarness(); // the job's defaults: 1 s, big channels up to 3 s apart
  }

  @AfterEach
  void close() throws Exception {
    channel.close();
  }

  /** Fills the channel with {@code users} hosts who join and stay, then flushes once. */
  private void liveHosts(int users) throws Exception {
    channel.send(channelCreated().at(T0));
    for (int uid = 1; uid <= users; uid++) {
      channel.send(hostJoins(uid).at(T0 + uid));
    }
    channel.flush();
  }

  private long uniqueUsersPublished() {
    return channel.onlyEpoch().uniqueUsers();
  }

  @Test
  void aSmallChannelFlushesAtEveryTick() throws Exception {
    liveHosts(PER_INTERVAL - 2); // with its 101 and the next join: still one interval's worth
    channel.send(hostJoins(1000).at(T0 + 500)).flush();
    assertEquals(PER_INTERVAL - 1, uniqueUsersPublished());
  }

  @Test
  void aBigChannelWaitsOneIntervalPerStartedBatchOfLiveEventsUpToTheMaximum() throws Exception {
    liveHosts(2 * PER_INTERVAL); // 101 events live: three intervals' worth, capped at 3 s
    channel.send(hostJoins(1000).at(T0 + 500)).flush();
    assertEquals(2 * PER_INTERVAL, uniqueUsersPublished(), "flushed again after 1 s");
    channel.flush();
    assertEquals(2 * PER_INTERVAL, uniqueUsersPublished(), "flushed again after 2 s");
    channel.flush();
    assertEquals(2 * PER_INTERVAL + 1, uniqueUsersPublished(), "3 s after the last flush");
  }

  @Test
  void aBigChannelsDestroyGoesOutAtTheNextTick() throws Exception {
    liveHosts(2 * PER_INTERVAL);
    channel.send(channelDestroyed().at(T0 + 600)).flush();
    ChannelEpochRow epoch = channel.onlyEpoch();
    assertEquals("destroy", epoch.closedBy());
  }

  @Test
  void anEpochWhoseGraceEndsBetweenSpacedFlushesIsFinalOnTime() throws Exception {
    liveHosts(2 * PER_INTERVAL); // processing time 1 s
    long destroyedAt = T0 + 600;
    channel.send(channelDestroyed().at(destroyedAt)).flush(); // 2 s
    // Final in event time at the flush this watermark triggers (2 s): the grace ends at 62 s.
    channel.watermark(destroyedAt + ChannelHarness.GRACE);
    long graceOverMs = 2000 + ChannelHarness.GRACE * 1000;
    while (channel.processingTimeMs() < graceOverMs - 2000) {
      channel.flush();
    }
    // A later epoch's event makes the channel flush a second before the grace ends, which spaces
    // its next flush 3 s out (about 100 live events): the grace must still end the epoch on time.
    channel.send(hostJoins(1000).at(destroyedAt + 3 * ONE_HOUR)).flush();
    assertEquals(2, channel.epochs().size());
    assertTrue(channel.side(AnalyticsOutputs.NOTIFICATIONS).isEmpty(), "final before its grace");
    channel.flush();
    assertEquals(graceOverMs, channel.processingTimeMs());
    assertEquals(
        1,
        channel.side(AnalyticsOutputs.NOTIFICATIONS).stream()
            .filter(n -> n.type().equals(OutboundEventIds.CHANNEL_EPOCH_CLOSED))
            .count(),
        "the first epoch is final when its grace ends");
  }
}
