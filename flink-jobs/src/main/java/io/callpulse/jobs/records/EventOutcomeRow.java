package io.callpulse.jobs.records;

/**
 * A row of {@code event_outcomes}: what the job did with one received event. The job writes it as
 * part of the event's {@link RawEventRow}; ClickHouse derives this row from it ({@link #of}).
 */
public record EventOutcomeRow(
    String appId, String channelName, String ingestId, Long eventTs, String outcome) {
  public static final String APPLIED = "applied";
  public static final String DUPLICATE_NOTICE = "duplicate_notice";
  public static final String DUPLICATE_SEMANTIC = "duplicate_semantic";
  public static final String STALE_CLIENT_SEQ = "stale_client_seq";
  public static final String LATE_AFTER_CLOSE = "late_after_close";
  public static final String ROLE_WITHOUT_SESSION = "role_without_session";
  public static final String HEALTH_CHECK = "health_check";
  public static final String OTHER_PRODUCT = "other_product";
  public static final String UNKNOWN_EVENT_TYPE = "unknown_event_type";

  /** The event_outcomes row ClickHouse makes of a raw_events row (V012). */
  public static EventOutcomeRow of(RawEventRow raw) {
    return new EventOutcomeRow(
        raw.appId(), raw.channelName(), raw.ingestId(), raw.eventTs(), raw.outcome());
  }
}
