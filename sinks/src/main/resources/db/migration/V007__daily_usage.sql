-- Seconds per UTC day, split at midnight (rule 10), by role, platform and client type (-1 = absent).
CREATE TABLE IF NOT EXISTS ${database}.daily_channel_usage
(
    app_id       LowCardinality(String),
    day          Date,
    channel_name String,
    epoch_id     String,
    role         LowCardinality(String),
    platform     Int32,
    client_type  Int32,
    seconds      UInt64,
    users        UInt32,
    version      UInt64,
    is_deleted   UInt8
)
ENGINE = ReplacingMergeTree(version, is_deleted)
PARTITION BY toYYYYMM(day)
ORDER BY (app_id, day, channel_name, epoch_id, role, platform, client_type);

CREATE TABLE IF NOT EXISTS ${database}.daily_user_usage
(
    app_id       LowCardinality(String),
    day          Date,
    uid          UInt32,
    channel_name String,
    epoch_id     String,
    role         LowCardinality(String),
    platform     Int32,
    client_type  Int32,
    seconds      UInt64,
    sessions     UInt32,
    version      UInt64,
    is_deleted   UInt8
)
ENGINE = ReplacingMergeTree(version, is_deleted)
PARTITION BY toYYYYMM(day)
ORDER BY (app_id, day, uid, channel_name, epoch_id, role, platform, client_type);
