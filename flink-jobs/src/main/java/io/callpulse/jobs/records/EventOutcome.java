package io.callpulse.jobs.records;

/**
 * What the job did with one received event: the {@code outcome} of its {@link RawEventRow}, which
 * ClickHouse copies into {@code event_outcomes} (V012's materialized view).
 */
public final class EventOutcome {
  public static final String APPLIED = "applied";
  public static final String DUPLICATE_NOTICE = "duplicate_notice";
  public static final String DUPLICATE_SEMANTIC = "duplicate_semantic";
  public static final String STALE_CLIENT_SEQ = "stale_client_seq";
  public static final String LATE_AFTER_CLOSE = "late_after_close";
  public static final String ROLE_WITHOUT_SESSION = "role_without_session";
  public static final String HEALTH_CHECK = "health_check";
  public static final String OTHER_PRODUCT = "other_product";
  public static final String UNKNOWN_EVENT_TYPE = "unknown_event_type";

  private EventOutcome() {}
}
