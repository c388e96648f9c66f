-- Which migrations ran, written by io.callpulse.sinks.Migrator after each file succeeds.
-- ReplacingMergeTree: two migrators racing on the same file leave one row per version under FINAL.
CREATE TABLE IF NOT EXISTS ${database}.schema_migrations
(
    version    UInt32,
    name       String,
    checksum   String,
    applied_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(applied_at)
ORDER BY version;
