-- One row per presence interval of a user in a channel epoch (agora-ncs.md section 4, rules 2-6).
-- The partition time (join_ts) can move when a late join fills in an inferred interval; a key whose
-- versions land in two partitions is still one row under FINAL, which merges across partitions.
CREATE TABLE IF NOT EXISTS ${database}.user_sessions
(
    app_id             LowCardinality(String),
    channel_name       String,
    epoch_id           String,
    session_id         String,
    uid                UInt32,
    join_ts            DateTime('UTC'),
    leave_ts           Nullable(DateTime('UTC')),
    seconds            UInt32,
    host_seconds       UInt32,
    audience_seconds   UInt32,
    role_switches      UInt32,
    start_role         LowCardinality(String),
    platform           Nullable(Int32),
    client_type        Nullable(Int32),
    account            Nullable(String),
    sid                Nullable(String),
    leave_reason       Nullable(Int32),
    communication_mode UInt8,
    inferred           UInt8,
    estimated          UInt8,
    state              LowCardinality(String),
    version            UInt64,
    is_deleted         UInt8,
    -- the user endpoint looks sessions up by uid, which is not in the key
    INDEX idx_uid uid TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree(version, is_deleted)
PARTITION BY toYYYYMM(join_ts)
ORDER BY (app_id, channel_name, epoch_id, session_id);
