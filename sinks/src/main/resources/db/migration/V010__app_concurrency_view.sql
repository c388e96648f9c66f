-- app_concurrency_minute: the app-wide concurrency per UTC minute, derived from channel_concurrency
-- instead of being written by the job (which never wrote it). V006 created it as a table; it never
-- had rows, so it is dropped and replaced by a view of the same name.
--
-- Semantics (agora-ncs.md rules 8 and 9): the app-wide level at a second is the SUM over the app's
-- channels (and epochs) of their step functions (channel_concurrency FINAL: a row holds from ts until
-- the channel epoch's next row; a closed epoch ends with a 0 row at its end, an open epoch's last level
-- holds). All changes of one second are applied before the level is taken (a channel's leaves and
-- another's joins at the same second never add up), then per minute:
--   peak_users / peak_hosts / peak_audiences = the maximum over the seconds of that minute of the
--   app-wide users / hosts / audiences. Each is the maximum of its own sum, so the three may peak at
--   different seconds: peak_hosts + peak_audiences can exceed peak_users.
-- Rows: one per minute in which some change happens (even when the level drops to 0) and one per
-- minute in which the level carried from before is > 0 (flat minutes have a row). Minutes with the
-- level 0 throughout have no row: read a missing minute as 0. The last level of an app, when > 0 (an
-- open epoch), is carried up to the current minute, at most 7 days after it began.
--
-- Cost: the view reads the app's channel_concurrency rows with FINAL and computes from the first one
-- on (the level at a minute depends on every earlier change); a filter on app_id is pushed down, a
-- filter on minute only cuts the result.
DROP TABLE IF EXISTS ${database}.app_concurrency_minute SYNC;

CREATE VIEW IF NOT EXISTS ${database}.app_concurrency_minute AS
SELECT
    app_id,
    toDateTime(minute_number * 60, 'UTC') AS minute,
    toUInt32(max(users))                  AS peak_users,
    toUInt32(max(hosts))                  AS peak_hosts,
    toUInt32(max(audiences))              AS peak_audiences
FROM
(
    -- the app's level after each second with a change, and the minutes it holds in
    SELECT
        app_id, users, hosts, audiences,
        if(next_s > 0, if(users > 0, next_s, ts_s + 1),
           if(users > 0, greatest(ts_s + 1, least(toUnixTimestamp(now()) + 1, ts_s + 7 * 86400)),
              ts_s + 1)) AS end_s,
        range(intDiv(ts_s, 60), intDiv(end_s - 1, 60) + 1) AS minute_numbers
    FROM
    (
        SELECT
            app_id, ts_s,
            sum(delta_users)     OVER running AS users,
            sum(delta_hosts)     OVER running AS hosts,
            sum(delta_audiences) OVER running AS audiences,
            leadInFrame(ts_s, 1, 0) OVER following AS next_s
        FROM
        (
            -- all channels' changes of one second together
            SELECT app_id, ts_s,
                   sum(delta_users) AS delta_users,
                   sum(delta_hosts) AS delta_hosts,
                   sum(delta_audiences) AS delta_audiences
            FROM
            (
                -- each channel epoch's steps as changes (its first step rises from 0)
                SELECT
                    app_id,
                    toInt64(toUnixTimestamp(ts)) AS ts_s,
                    toInt64(users) - lagInFrame(toInt64(users), 1, 0) OVER previous AS delta_users,
                    toInt64(hosts) - lagInFrame(toInt64(hosts), 1, 0) OVER previous AS delta_hosts,
                    toInt64(audiences) - lagInFrame(toInt64(audiences), 1, 0) OVER previous
                        AS delta_audiences
                FROM ${database}.channel_concurrency FINAL
                WINDOW previous AS (PARTITION BY app_id, channel_name, epoch_id ORDER BY ts
                                    ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
            )
            GROUP BY app_id, ts_s
        )
        WINDOW running AS (PARTITION BY app_id ORDER BY ts_s
                           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
               following AS (PARTITION BY app_id ORDER BY ts_s
                             ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING)
    )
)
ARRAY JOIN minute_numbers AS minute_number
GROUP BY app_id, minute_number;
