-- Requests the gateway or the job could not parse, with what was wrong, for inspection and replay.
CREATE TABLE IF NOT EXISTS ${database}.dead_letters
(
    app_id      LowCardinality(String),
    ingest_id   String,
    received_at DateTime64(3, 'UTC'),
    reason      LowCardinality(String),
    field       String,
    problem     String,
    body        String CODEC(ZSTD(3))
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(received_at)
ORDER BY (app_id, ingest_id);
