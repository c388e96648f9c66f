-- Every attempt of the notifier (io.callpulse.notifier) to deliver an outbound webhook, one row per
-- request sent. A notifier that crashes after an attempt but before committing its Kafka offset makes
-- the same attempt again with the same key: ReplacingMergeTree keeps the row with the highest version
-- (processing time in microseconds), so readers using FINAL see one row per attempt.
-- status_code 0 = no HTTP response (timeout, refused connection, TLS error).
-- outcome: delivered, retry, dead_letter, gone (410: the subscription was disabled).
CREATE TABLE IF NOT EXISTS ${database}.webhook_deliveries
(
    subscription_id LowCardinality(String),
    event_id        String,
    attempt         UInt16,
    app_id          LowCardinality(String),
    event_type      LowCardinality(String),
    url             String,
    status_code     UInt16,
    outcome         LowCardinality(String),
    latency_ms      UInt32,
    error           String,
    at              DateTime64(3, 'UTC'),
    next_attempt_at Nullable(DateTime64(3, 'UTC')),
    version         UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(at)
ORDER BY (subscription_id, event_id, attempt);
