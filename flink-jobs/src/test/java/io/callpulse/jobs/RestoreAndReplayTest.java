package io.callpulse.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.jobs.records.ChannelEpochRow;
import io.callpulse.model.NcsEvent;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/**
 * After a restore Flink replays the events since the checkpoint: the figures must not change and
 * the rows emitted after the restore must carry higher versions than those before it.
 */
class RestoreAndReplayTest extends NcsTestBase {

  @Test
  void replayAfterRestoreKeepsTheFiguresAndRaisesVersions() throws Exception {
    List<NcsEvent> before =
        List.of(channelCreated().at(T0), hostJoins(1).at(T0), audienceJoins(2).at(T0 + 10));
    List<NcsEvent> after =
        List.of(
            audienceLeaves(2).after(50).at(T0 + 60),
            hostLeaves(1).after(100).at(T0 + 100),
            channelDestroyed().at(T0 + 100));
    OperatorSubtaskState snapshot;
    long versionBefore;
    try (ChannelHarness checkpointed = new ChannelHarness()) {
      checkpointed.send(before).flush();
      versionBefore = checkpointed.onlyEpoch().version();
      snapshot = checkpointed.snapshot();
    }
    try (ChannelHarness restored = ChannelHarness.restoredFrom(snapshot)) {
      restored.send(before).send(after).flush(); // the source rewinds further than needed
      ChannelEpochRow epoch = restored.onlyEpoch();
      assertEquals(150, epoch.totalSeconds());
      assertEquals(2, epoch.sessions());
      assertEquals("destroy", epoch.closedBy());
      assertTrue(
          restored.outcomeNames().subList(0, 3).stream().allMatch("duplicate_semantic"::equals));
      // The restored harness's clock starts again at the same time: versions still grow.
      assertTrue(epoch.version() > versionBefore, epoch.version() + " vs " + versionBefore);
      restored.watermark(T0 + 100 + ChannelHarness.GRACE).afterGrace();
      assertEquals(1, restored.stateEntries(), "only the channel's tombstone is left");
    }
  }
}
