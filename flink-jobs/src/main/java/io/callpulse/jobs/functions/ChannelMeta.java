package io.callpulse.jobs.functions;

import java.util.Arrays;

/**
 * The channel-wide part of the operator's state, in one ValueState.
 *
 * @param creates ts of the 101s still in state, sorted
 * @param destroys ts of the 102s still in state, sorted
 * @param lastVersion the last row version emitted for this channel (versions only grow)
 * @param eventTimerMs the registered event-time timer, or Long.MIN_VALUE
 * @param cuts 101s of finalized epochs, still separating the epochs around them (ChannelLog)
 * @param marks the epochs whose rows are published, with the digest they were derived from
 * @param flushNotBeforeMs processing time before which a new event does not flush the channel again
 *     (a big channel's flushes are spread out, see FlushSchedule); 0 = any time
 */
public record ChannelMeta(
    long[] creates,
    long[] destroys,
    long lastVersion,
    long eventTimerMs,
    long[] cuts,
    EpochMark[] marks,
    long flushNotBeforeMs) {

  public static ChannelMeta empty() {
    return new ChannelMeta(
        new long[0], new long[0], 0L, Long.MIN_VALUE, new long[0], new EpochMark[0], 0L);
  }

  public ChannelMeta withCuts(long[] value) {
    return new ChannelMeta(
        creates, destroys, lastVersion, eventTimerMs, value, marks, flushNotBeforeMs);
  }

  public ChannelMeta withCreates(long[] value) {
    return new ChannelMeta(
        value, destroys, lastVersion, eventTimerMs, cuts, marks, flushNotBeforeMs);
  }

  public ChannelMeta withDestroys(long[] value) {
    return new ChannelMeta(
        creates, value, lastVersion, eventTimerMs, cuts, marks, flushNotBeforeMs);
  }

  public ChannelMeta withLastVersion(long value) {
    return new ChannelMeta(creates, destroys, value, eventTimerMs, cuts, marks, flushNotBeforeMs);
  }

  public ChannelMeta withEventTimer(long value) {
    return new ChannelMeta(creates, destroys, lastVersion, value, cuts, marks, flushNotBeforeMs);
  }

  public ChannelMeta withMarks(EpochMark[] value) {
    return new ChannelMeta(
        creates, destroys, lastVersion, eventTimerMs, cuts, value, flushNotBeforeMs);
  }

  public ChannelMeta withFlushNotBefore(long value) {
    return new ChannelMeta(creates, destroys, lastVersion, eventTimerMs, cuts, marks, value);
  }

  static boolean contains(long[] sorted, long ts) {
    return Arrays.binarySearch(sorted, ts) >= 0;
  }

  static long[] plus(long[] sorted, long ts) {
    long[] next = Arrays.copyOf(sorted, sorted.length + 1);
    next[sorted.length] = ts;
    Arrays.sort(next);
    return next;
  }

  static long[] minus(long[] sorted, java.util.Collection<Long> removed) {
    return Arrays.stream(sorted).filter(ts -> !removed.contains(ts)).toArray();
  }
}
