-- The analytics job writes each event's outcome with its raw row: one row per event for the job
-- to serialize, send and for ClickHouse to parse, instead of two. event_outcomes stays what it was,
-- with its history, partitions and every query on it: ClickHouse fills it from each insert into
-- raw_events (it still stores and merges those rows).
ALTER TABLE ${database}.raw_events
    ADD COLUMN IF NOT EXISTS outcome LowCardinality(String) DEFAULT '' AFTER duplicate;

-- Rows from before V012 have no outcome (their outcome rows were written directly) and are not
-- copied again. event_ts: event_outcomes has no NULL (0 for events without ts, as before).
CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.event_outcomes_from_raw_events
TO ${database}.event_outcomes
AS SELECT
    app_id,
    channel_name,
    ingest_id,
    ifNull(event_ts, toDateTime(0, 'UTC')) AS event_ts,
    outcome
FROM ${database}.raw_events
WHERE outcome != '';
