/**
 * The read-only query API: what CallPulse measured, per app, as JSON.
 *
 * <p>{@link io.callpulse.api.QueryApiVerticle} serves it on its own port (default 8081, {@link
 * io.callpulse.api.QueryApiConfig}), apart from the webhook port, so it can be firewalled and
 * scaled separately. Every route takes the app id in its path and needs one of that app's API keys
 * as {@code Authorization: Bearer <key>}; an unknown app and a wrong key both get 401.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>route</th><th>answer</th></tr>
 *   <tr><td>{@code GET /api/channels/{appId}?page&per_page&q&start_date&end_date&platform&client_type&role}</td>
 *       <td>channels, newest activity first, with total_seconds/minutes, unique_users, first and
 *       last activity, client types, platforms, epoch count, and {@code pagination {page,
 *       per_page, total, total_pages}}. Filters combine with AND: {@code q} is a
 *       case-insensitive substring of the name; the dates (inclusive UTC days) select epochs
 *       overlapping the range; {@code platform}, {@code client_type} (-1 = none) and {@code role}
 *       (host/audience) select epochs with at least one session matching all of them. Figures
 *       cover the selected epochs.</td></tr>
 *   <tr><td>{@code GET /api/channel/{appId}/{channelName}[?epoch=]}</td>
 *       <td>figures over all epochs (or one): total/host/audience seconds and minutes,
 *       unique_users/hosts/audiences (distinct uids over the sessions, so a user in two epochs
 *       counts once), role_switches, peak_concurrent_users and peak_at (highest epoch peak), the
 *       epochs and the user sessions. 404 for an unknown channel or epoch.</td></tr>
 *   <tr><td>{@code GET /api/channel/{appId}/{channelName}/concurrency[?epoch=&step=]}</td>
 *       <td>the concurrency step function (users, hosts, audiences from each {@code ts}), or with
 *       {@code step} seconds the maximum per bucket.</td></tr>
 *   <tr><td>{@code GET /api/user/{appId}/{uid}}</td>
 *       <td>a user's sessions, seconds/minutes and session count per channel, platforms, sids.</td></tr>
 *   <tr><td>{@code GET /api/usage/{appId}?from&to&group_by=day|month[,platform|client_type|role]}</td>
 *       <td>seconds and minutes per UTC day or month (default: the last 30 days, by day).</td></tr>
 * </table>
 *
 * <p>Seconds are integers; minutes are seconds / 60 with two decimals; times are ISO-8601 UTC.
 * Errors are JSON {@code {error, message[, parameter]}}: 400 {@code bad_parameter} names the
 * parameter, 401 {@code unauthorized}, 404 {@code not_found}, 503 {@code storage_unavailable}.
 * Lists of sessions and concurrency points stop at {@code maxRows} and say {@code truncated}.
 *
 * <p>Reads go to ClickHouse's HTTP interface through Vert.x's WebClient (never blocking the event
 * loop), with {@code FINAL} so replayed and superseded rows count once. Request values are sent
 * only as ClickHouse query parameters ({@code {name:Type}} in the SQL, {@code param_name} in the
 * URL), never concatenated into SQL, and every query runs with {@code readonly=2}.
 */
package io.callpulse.api;
