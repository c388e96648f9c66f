-- One row per channel session (101 -> 102, or provisional / closed by inactivity) with its figures
-- (agora-ncs.md section 4, rules 7-9). Partitioned by first_activity; see V004 for why a moving
-- partition time is still one row under FINAL.
CREATE TABLE IF NOT EXISTS ${database}.channel_epochs
(
    app_id                LowCardinality(String),
    channel_name          String,
    epoch_id              String,
    create_ts             Nullable(DateTime('UTC')),
    destroy_ts            Nullable(DateTime('UTC')),
    first_activity        DateTime('UTC'),
    last_activity         DateTime('UTC'),
    provisional           UInt8,
    closed_by             LowCardinality(String),
    total_seconds         UInt64,
    host_seconds          UInt64,
    audience_seconds      UInt64,
    unique_users          UInt32,
    unique_hosts          UInt32,
    unique_audiences      UInt32,
    role_switches         UInt32,
    sessions              UInt32,
    peak_concurrent_users UInt32,
    peak_at               Nullable(DateTime('UTC')),
    client_types          Array(Int32),
    platforms             Array(Int32),
    communication_mode    UInt8,
    version               UInt64,
    is_deleted            UInt8
)
ENGINE = ReplacingMergeTree(version, is_deleted)
PARTITION BY toYYYYMM(first_activity)
ORDER BY (app_id, channel_name, epoch_id);
