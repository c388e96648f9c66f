package io.callpulse.jobs.records;

import io.callpulse.model.NcsEvent;

/**
 * A row of {@code raw_events}: every received event, analyzable or not, with what the job did with
 * it. ClickHouse copies the outcome into {@code event_outcomes} (V012's materialized view), so an
 * event costs the job one row, not two.
 *
 * @param duplicate 0 first copy, 1 same noticeId, 2 same semantic key
 * @param outcome one of the {@link EventOutcome}s
 */
public record RawEventRow(
    String appId,
    String ingestId,
    String noticeId,
    int productId,
    int eventType,
    long notifyMs,
    long receivedAtMs,
    Long eventTs,
    String channelName,
    Long uid,
    Long clientSeq,
    Integer platform,
    Integer clientType,
    Integer reason,
    Long duration,
    String account,
    String sid,
    Long lastUid,
    boolean healthCheck,
    int duplicate,
    String outcome,
    String body) {
  public static final int FIRST_COPY = 0;
  public static final int SAME_NOTICE = 1;
  public static final int SAME_SEMANTIC_KEY = 2;

  /** The duplicate flag follows from the outcome: the two duplicate outcomes are the two flags. */
  public static RawEventRow of(NcsEvent e, String outcome, String body) {
    int duplicate =
        EventOutcome.DUPLICATE_NOTICE.equals(outcome)
            ? SAME_NOTICE
            : EventOutcome.DUPLICATE_SEMANTIC.equals(outcome) ? SAME_SEMANTIC_KEY : FIRST_COPY;
    return new RawEventRow(
        e.appId(),
        e.ingestId(),
        e.noticeId(),
        e.productId(),
        e.eventType(),
        e.notifyMs(),
        e.receivedAtMs(),
        e.ts(),
        e.channelName() == null ? "" : e.channelName(),
        e.uid(),
        e.clientSeq(),
        e.platform(),
        e.clientType(),
        e.reason(),
        e.duration(),
        e.account(),
        e.sid(),
        e.lastUid(),
        e.healthCheck(),
        duplicate,
        outcome,
        body);
  }
}
