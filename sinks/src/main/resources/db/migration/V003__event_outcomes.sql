-- What the analytics job did with each event (applied, or why not): the audit trail behind every figure.
CREATE TABLE IF NOT EXISTS ${database}.event_outcomes
(
    app_id       LowCardinality(String),
    channel_name String,
    ingest_id    String,
    event_ts     DateTime('UTC'),
    -- applied, duplicate_notice, duplicate_semantic, stale_client_seq, late_after_close,
    -- role_without_session, health_check, other_product, unknown_event_type
    outcome      LowCardinality(String)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_ts)
ORDER BY (app_id, ingest_id);
