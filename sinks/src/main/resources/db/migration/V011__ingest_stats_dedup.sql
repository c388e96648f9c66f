-- The gateway retries a failed ingest_stats_minute insert with the same insert_deduplication_token.
-- A non-replicated MergeTree only deduplicates inserts when it keeps a window of recent block hashes:
-- without this setting a retried batch whose first attempt was in fact stored would be summed twice.
-- 1000 recent inserts cover minutes of retries for many gateways (each inserts about once a minute).
ALTER TABLE ${database}.ingest_stats_minute MODIFY SETTING non_replicated_deduplication_window = 1000;
