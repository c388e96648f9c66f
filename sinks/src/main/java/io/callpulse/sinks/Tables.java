package io.callpulse.sinks;

import java.util.List;

/**
 * The tables of {@code db/migration} that Flink jobs insert into, each with its insert column list:
 * the one place binders take their column order from. Column meanings: docs/schema-contract.md.
 * MigratorIT checks every list against the migrated schema. {@code app_concurrency_minute} is not
 * here: it is a view over {@code channel_concurrency} (V010), nothing inserts into it.
 */
public final class Tables {

  public static final TableSpec RAW_EVENTS =
      new TableSpec(
          "raw_events",
          List.of(
              "app_id",
              "ingest_id",
              "notice_id",
              "product_id",
              "event_type",
              "notify_ms",
              "received_at",
              "event_ts",
              "channel_name",
              "uid",
              "client_seq",
              "platform",
              "client_type",
              "reason",
              "duration",
              "account",
              "sid",
              "last_uid",
              "health_check",
              "duplicate",
              "outcome",
              "body"));

  public static final TableSpec DEAD_LETTERS =
      new TableSpec(
          "dead_letters",
          List.of("app_id", "ingest_id", "received_at", "reason", "field", "problem", "body"));

  /**
   * Filled by ClickHouse from raw_events' outcome column since V012; the analytics job no longer
   * inserts into it (its list is for MigratorIT and the sink tests).
   */
  public static final TableSpec EVENT_OUTCOMES =
      new TableSpec(
          "event_outcomes", List.of("app_id", "channel_name", "ingest_id", "event_ts", "outcome"));

  public static final TableSpec USER_SESSIONS =
      new TableSpec(
          "user_sessions",
          List.of(
              "app_id",
              "channel_name",
              "epoch_id",
              "session_id",
              "uid",
              "join_ts",
              "leave_ts",
              "seconds",
              "host_seconds",
              "audience_seconds",
              "role_switches",
              "start_role",
              "platform",
              "client_type",
              "account",
              "sid",
              "leave_reason",
              "communication_mode",
              "inferred",
              "estimated",
              "state",
              "version",
              "is_deleted"));

  public static final TableSpec CHANNEL_EPOCHS =
      new TableSpec(
          "channel_epochs",
          List.of(
              "app_id",
              "channel_name",
              "epoch_id",
              "create_ts",
              "destroy_ts",
              "first_activity",
              "last_activity",
              "provisional",
              "closed_by",
              "total_seconds",
              "host_seconds",
              "audience_seconds",
              "unique_users",
              "unique_hosts",
              "unique_audiences",
              "role_switches",
              "sessions",
              "peak_concurrent_users",
              "peak_at",
              "client_types",
              "platforms",
              "communication_mode",
              "version",
              "is_deleted"));

  public static final TableSpec CHANNEL_CONCURRENCY =
      new TableSpec(
          "channel_concurrency",
          List.of(
              "app_id",
              "channel_name",
              "epoch_id",
              "ts",
              "users",
              "hosts",
              "audiences",
              "version",
              "is_deleted"));

  public static final TableSpec CHANNEL_CONCURRENCY_MINUTE =
      new TableSpec(
          "channel_concurrency_minute",
          List.of(
              "app_id",
              "channel_name",
              "epoch_id",
              "minute",
              "max_users",
              "max_hosts",
              "max_audiences",
              "version",
              "is_deleted"));

  public static final TableSpec DAILY_CHANNEL_USAGE =
      new TableSpec(
          "daily_channel_usage",
          List.of(
              "app_id",
              "day",
              "channel_name",
              "epoch_id",
              "role",
              "platform",
              "client_type",
              "seconds",
              "users",
              "version",
              "is_deleted"));

  public static final TableSpec DAILY_USER_USAGE =
      new TableSpec(
          "daily_user_usage",
          List.of(
              "app_id",
              "day",
              "uid",
              "channel_name",
              "epoch_id",
              "role",
              "platform",
              "client_type",
              "seconds",
              "sessions",
              "version",
              "is_deleted"));

  public static final TableSpec INGEST_STATS_MINUTE =
      new TableSpec(
          "ingest_stats_minute", List.of("app_id", "source_id", "minute", "outcome", "requests"));

  /** Every table above, for checks that must cover all of them. */
  public static final List<TableSpec> ALL =
      List.of(
          RAW_EVENTS,
          DEAD_LETTERS,
          EVENT_OUTCOMES,
          USER_SESSIONS,
          CHANNEL_EPOCHS,
          CHANNEL_CONCURRENCY,
          CHANNEL_CONCURRENCY_MINUTE,
          DAILY_CHANNEL_USAGE,
          DAILY_USER_USAGE,
          INGEST_STATS_MINUTE);

  private Tables() {}
}
