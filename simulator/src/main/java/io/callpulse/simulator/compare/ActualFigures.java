package io.callpulse.simulator.compare;

import io.callpulse.simulator.oracle.ChannelFigures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the pipeline's figures from ClickHouse (tables of docs/schema-contract.md), every table
 * with {@code FINAL} and without deleted rows. All SQL is here, in plain sight, so it can follow
 * the tables as they evolve. {@code {db}} is the database, {@code {apps}} the quoted app ids.
 *
 * <p>How the channel figures are assembled (agora-ncs.md §4.9): seconds and role switches are sums
 * over the channel's epochs, the peak is their maximum; unique users, hosts and audiences across
 * epochs are distinct uids of the channel's sessions (uids with > 0 s of the role in some session —
 * a session-level approximation of the union rule 6 that differs only when one user's overlapping
 * sessions hold different roles). Per-user seconds come from {@code daily_user_usage} and per-day
 * seconds from {@code daily_channel_usage}, which must attribute overlapping sessions of a user
 * once (rule 6).
 */
public final class ActualFigures {
  static final String CHANNEL_SUMS_SQL =
      """
      SELECT app_id, channel_name,
             sum(total_seconds), sum(host_seconds), sum(audience_seconds),
             sum(role_switches), max(peak_concurrent_users)
      FROM {db}.channel_epochs FINAL
      WHERE is_deleted = 0 AND app_id IN ({apps})
      GROUP BY app_id, channel_name
      """;

  static final String CHANNEL_UNIQUES_SQL =
      """
      SELECT app_id, channel_name,
             uniqExactIf(uid, seconds > 0),
             uniqExactIf(uid, host_seconds > 0),
             uniqExactIf(uid, audience_seconds > 0)
      FROM {db}.user_sessions FINAL
      WHERE is_deleted = 0 AND app_id IN ({apps})
      GROUP BY app_id, channel_name
      """;

  static final String EPOCHS_SQL =
      """
      SELECT app_id, channel_name, toUnixTimestamp(ifNull(create_ts, first_activity)),
             total_seconds, host_seconds, audience_seconds,
             unique_users, unique_hosts, unique_audiences,
             role_switches, peak_concurrent_users
      FROM {db}.channel_epochs FINAL
      WHERE is_deleted = 0 AND app_id IN ({apps})
      """;

  static final String USER_SECONDS_SQL =
      """
      SELECT app_id, channel_name, uid, sum(seconds)
      FROM {db}.daily_user_usage FINAL
      WHERE is_deleted = 0 AND app_id IN ({apps})
      GROUP BY app_id, channel_name, uid
      """;

  static final String DAILY_SECONDS_SQL =
      """
      SELECT app_id, toString(day), sum(seconds)
      FROM {db}.daily_channel_usage FINAL
      WHERE is_deleted = 0 AND app_id IN ({apps})
      GROUP BY app_id, day
      """;

  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_\\-]+");

  private ActualFigures() {}

  public static Actual read(Connection connection, String database, Collection<String> appIds)
      throws SQLException {
    for (String name : appIds) {
      requireSafe(name, "app id");
    }
    requireSafe(database, "database");
    String apps = appIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    SortedMap<ChannelKey, Map<String, Long>> channels = new TreeMap<>();
    SortedMap<ChannelKey, SortedMap<Long, Map<String, Long>>> epochs = new TreeMap<>();
    SortedMap<ChannelKey, SortedMap<Long, Long>> users = new TreeMap<>();
    SortedMap<String, SortedMap<LocalDate, Long>> daily = new TreeMap<>();
    try (Statement statement = connection.createStatement()) {
      query(
          statement,
          sql(CHANNEL_SUMS_SQL, database, apps),
          rs -> {
            Map<String, Long> figures = channels.computeIfAbsent(key(rs), k -> new HashMap<>());
            figures.put(ChannelFigures.TOTAL_SECONDS, rs.getLong(3));
            figures.put(ChannelFigures.HOST_SECONDS, rs.getLong(4));
            figures.put(ChannelFigures.AUDIENCE_SECONDS, rs.getLong(5));
            figures.put(ChannelFigures.ROLE_SWITCHES, rs.getLong(6));
            figures.put(ChannelFigures.PEAK_CONCURRENT_USERS, rs.getLong(7));
          });
      query(
          statement,
          sql(CHANNEL_UNIQUES_SQL, database, apps),
          rs -> {
            Map<String, Long> figures = channels.computeIfAbsent(key(rs), k -> new HashMap<>());
            figures.put(ChannelFigures.UNIQUE_USERS, rs.getLong(3));
            figures.put(ChannelFigures.UNIQUE_HOSTS, rs.getLong(4));
            figures.put(ChannelFigures.UNIQUE_AUDIENCES, rs.getLong(5));
          });
      query(
          statement,
          sql(EPOCHS_SQL, database, apps),
          rs -> {
            Map<String, Long> figures = new HashMap<>();
            int column = 4;
            for (String name : ChannelFigures.NAMES) {
              figures.put(name, rs.getLong(column++));
            }
            epochs.computeIfAbsent(key(rs), k -> new TreeMap<>()).put(rs.getLong(3), figures);
          });
      query(
          statement,
          sql(USER_SECONDS_SQL, database, apps),
          rs ->
              users
                  .computeIfAbsent(key(rs), k -> new TreeMap<>())
                  .put(rs.getLong(3), rs.getLong(4)));
      query(
          statement,
          sql(DAILY_SECONDS_SQL, database, apps),
          rs ->
              daily
                  .computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                  .put(LocalDate.parse(rs.getString(2)), rs.getLong(3)));
    }
    return new Actual(channels, epochs, users, daily);
  }

  static String sql(String template, String database, String apps) {
    return template.replace("{db}", database).replace("{apps}", apps.isEmpty() ? "''" : apps);
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private static void query(Statement statement, String sql, RowReader reader) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        reader.read(rs);
      }
    } catch (SQLException e) {
      throw new SQLException(e.getMessage() + "\nwhile running:\n" + sql, e.getSQLState(), e);
    }
  }

  private static ChannelKey key(ResultSet rs) throws SQLException {
    return new ChannelKey(rs.getString(1), rs.getString(2));
  }

  private static void requireSafe(String name, String what) {
    if (!SAFE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what + " '" + name + "' has characters SQL would need escaped");
    }
  }
}
