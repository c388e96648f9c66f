package io.callpulse.jobs.functions;

import io.callpulse.jobs.analytics.ChannelEpoch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which epochs of a channel become final at a flush, and when to look again: a pure decision over
 * the epochs, event time and processing time, so every rule of it is testable without Flink.
 *
 * <p>An epoch ends at its 102 or {@code gap} of event time after its last activity. It is final
 * once the watermark is {@code grace} past that end AND {@code grace} of processing time have
 * passed since the watermark got there: in a replay or backfill event time races ahead of the wall
 * clock, and an event-time grace alone would drop events reordered by seconds of delivery.
 */
final class EpochFinality {
  /**
   * @param finalized epochs whose state goes now (their rows cannot change any more)
   * @param pendingSince per epoch final in event time but still in its processing-time grace: since
   *     when (ms); every other epoch starts its wait anew when it gets there
   * @param nextEventTimerSeconds event time to look again, or Long.MAX_VALUE
   * @param nextProcessingTimerMs processing time to look again, or Long.MAX_VALUE
   */
  record Decision(
      List<ChannelEpoch> finalized,
      Map<String, Long> pendingSince,
      long nextEventTimerSeconds,
      long nextProcessingTimerMs) {

    /** Nothing of the channel is left to wait for. */
    boolean nothingLive() {
      return nextEventTimerSeconds == Long.MAX_VALUE && nextProcessingTimerMs == Long.MAX_VALUE;
    }
  }

  private final long gapSeconds;
  private final long graceSeconds;

  EpochFinality(long gapSeconds, long graceSeconds) {
    this.gapSeconds = gapSeconds;
    this.graceSeconds = graceSeconds;
  }

  /**
   * Whether the processing-time grace of an epoch waiting in it is over at {@code nowMs}: a flush
   * is due then, however recently the channel was flushed.
   */
  boolean anyGraceOver(EpochMark[] marks, long nowMs) {
    for (EpochMark mark : marks) {
      if (mark.finalSince() != EpochMark.NOT_FINAL
          && nowMs >= mark.finalSince() + graceSeconds * 1000) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param closed per epoch id: whether it is closed (by its 102 or by inactivity)
   * @param knownSince per epoch id: since when it has been final in event time (ms), if it was
   */
  Decision decide(
      List<ChannelEpoch> epochs,
      Map<String, Boolean> closed,
      Map<String, Long> knownSince,
      long watermarkSeconds,
      long nowMs) {
    long nextEventTimerSeconds = Long.MAX_VALUE;
    long nextProcessingTimerMs = Long.MAX_VALUE;
    List<ChannelEpoch> finalized = new ArrayList<>();
    Map<String, Long> pendingSince = new HashMap<>();
    for (ChannelEpoch epoch : epochs) {
      boolean isClosed = closed.get(epoch.epochId());
      long closesAt =
          epoch.destroyTs() != null ? epoch.destroyTs() : epoch.lastActivity() + gapSeconds;
      long finalAt = closesAt + graceSeconds;
      if (!isClosed || finalAt > watermarkSeconds) {
        nextEventTimerSeconds = Math.min(nextEventTimerSeconds, isClosed ? finalAt : closesAt);
        continue;
      }
      long since = knownSince.getOrDefault(epoch.epochId(), EpochMark.NOT_FINAL);
      if (since == EpochMark.NOT_FINAL) {
        since = nowMs;
      }
      if (nowMs < since + graceSeconds * 1000) {
        pendingSince.put(epoch.epochId(), since);
        nextProcessingTimerMs = Math.min(nextProcessingTimerMs, since + graceSeconds * 1000);
        continue;
      }
      finalized.add(epoch);
    }
    return new Decision(finalized, pendingSince, nextEventTimerSeconds, nextProcessingTimerMs);
  }
}
