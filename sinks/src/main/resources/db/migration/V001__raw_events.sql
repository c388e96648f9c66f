-- Every accepted webhook as received, with its parsed fields; the replayable source of truth.
-- Key (app_id, ingest_id): the gateway assigns ingest_id once per request, so a replayed row replaces
-- itself. No version column: every copy of a row is identical.
CREATE TABLE IF NOT EXISTS ${database}.raw_events
(
    app_id       LowCardinality(String),
    ingest_id    String,
    notice_id    String,
    product_id   UInt32,
    event_type   UInt32,
    notify_ms    DateTime64(3, 'UTC'),
    received_at  DateTime64(3, 'UTC'),
    event_ts     Nullable(DateTime('UTC')),
    channel_name String,
    uid          Nullable(UInt32),
    client_seq   Nullable(UInt64),
    platform     Nullable(Int32),
    client_type  Nullable(Int32),
    reason       Nullable(Int32),
    duration     Nullable(UInt32),
    account      Nullable(String),
    sid          Nullable(String),
    last_uid     Nullable(UInt32),
    health_check UInt8,
    -- 0 first copy, 1 same noticeId, 2 same semantic key (agora-ncs.md section 3)
    duplicate    UInt8,
    body         String CODEC(ZSTD(3)),
    INDEX idx_channel channel_name TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(received_at)
ORDER BY (app_id, ingest_id)
TTL toDateTime(received_at) + INTERVAL ${raw_ttl_days} DAY;
