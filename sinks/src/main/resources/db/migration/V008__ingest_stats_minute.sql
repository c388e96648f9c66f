-- Requests per gateway instance (source_id), minute and outcome, written by the gateway.
-- SummingMergeTree: a gateway flushes increments, possibly several per minute; readers sum(requests).
CREATE TABLE IF NOT EXISTS ${database}.ingest_stats_minute
(
    app_id    LowCardinality(String),
    source_id LowCardinality(String),
    minute    DateTime('UTC'),
    outcome   LowCardinality(String),
    requests  UInt64
)
ENGINE = SummingMergeTree(requests)
PARTITION BY toYYYYMM(minute)
ORDER BY (app_id, source_id, minute, outcome);
