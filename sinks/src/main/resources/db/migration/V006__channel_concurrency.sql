-- Concurrency as a step function: each row holds from ts until the channel's next step (rule 8).
CREATE TABLE IF NOT EXISTS ${database}.channel_concurrency
(
    app_id       LowCardinality(String),
    channel_name String,
    epoch_id     String,
    ts           DateTime('UTC'),
    users        UInt32,
    hosts        UInt32,
    audiences    UInt32,
    version      UInt64,
    is_deleted   UInt8
)
ENGINE = ReplacingMergeTree(version, is_deleted)
PARTITION BY toYYYYMM(ts)
ORDER BY (app_id, channel_name, epoch_id, ts);

-- The maximum of the step function within each minute, for charts over long ranges.
CREATE TABLE IF NOT EXISTS ${database}.channel_concurrency_minute
(
    app_id        LowCardinality(String),
    channel_name  String,
    epoch_id      String,
    minute        DateTime('UTC'),
    max_users     UInt32,
    max_hosts     UInt32,
    max_audiences UInt32,
    version       UInt64,
    is_deleted    UInt8
)
ENGINE = ReplacingMergeTree(version, is_deleted)
PARTITION BY toYYYYMM(minute)
ORDER BY (app_id, channel_name, epoch_id, minute);

-- App-wide peak per minute, written by the job (it sees all channels' steps in time order).
CREATE TABLE IF NOT EXISTS ${database}.app_concurrency_minute
(
    app_id         LowCardinality(String),
    minute         DateTime('UTC'),
    peak_users     UInt32,
    peak_hosts     UInt32,
    peak_audiences UInt32,
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(minute)
ORDER BY (app_id, minute);
