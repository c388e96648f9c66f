package io.callpulse.jobs.functions;

import java.io.Serializable;

/**
 * When a changed channel is flushed (its rows re-derived and emitted), in processing time: on ticks
 * of {@code flushIntervalMs}, so the timers of a channel's events coalesce (Flink keeps one per key
 * and time), and spaced out for a big channel, because a flush reads and re-assigns every live
 * event of its channel: a channel with up to {@link #LIVE_EVENTS_PER_INTERVAL} live events is
 * flushed every tick, and each as many more adds a tick, up to {@code maxFlushIntervalMs}. The
 * trade-off: a big channel's live rows lag by up to {@code maxFlushIntervalMs}; final figures are
 * the same. A pure rule, so it is tested without Flink.
 */
public final class FlushSchedule implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A channel's flushes visit at most about this many events per tick. */
  public static final int LIVE_EVENTS_PER_INTERVAL = 20;

  private final long flushIntervalMs;
  private final long maxFlushIntervalMs;

  FlushSchedule(long flushIntervalMs, long maxFlushIntervalMs) {
    if (flushIntervalMs < 1 || maxFlushIntervalMs < flushIntervalMs) {
      throw new IllegalArgumentException(
          "flush interval "
              + flushIntervalMs
              + " ms must be positive and at most the max flush interval "
              + maxFlushIntervalMs
              + " ms");
    }
    this.flushIntervalMs = flushIntervalMs;
    this.maxFlushIntervalMs = maxFlushIntervalMs;
  }

  /** How long after a flush the channel's next one may come. */
  long delayMs(int liveEvents) {
    long intervals =
        Math.max(1, (liveEvents + LIVE_EVENTS_PER_INTERVAL - 1L) / LIVE_EVENTS_PER_INTERVAL);
    return Math.min(maxFlushIntervalMs, intervals * flushIntervalMs);
  }

  /** The channel's "not before" after a flush at {@code nowMs} over this many live events. */
  long notBeforeAfterFlush(long nowMs, int liveEvents) {
    return tickAtOrBefore(nowMs) + delayMs(liveEvents);
  }

  /** Where an event admitted at {@code nowMs} asks for the channel's next flush. */
  long flushTimerFor(long nowMs, long notBeforeMs) {
    return Math.max(tickAtOrBefore(nowMs) + flushIntervalMs, tickAtOrAfter(notBeforeMs));
  }

  /** Where a flush timer that came before the channel's "not before" is moved to. */
  long deferredTimer(long notBeforeMs) {
    return tickAtOrAfter(notBeforeMs);
  }

  private long tickAtOrBefore(long ms) {
    return Math.floorDiv(ms, flushIntervalMs) * flushIntervalMs;
  }

  private long tickAtOrAfter(long ms) {
    return -Math.floorDiv(-ms, flushIntervalMs) * flushIntervalMs;
  }
}
