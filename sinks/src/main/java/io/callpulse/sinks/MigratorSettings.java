package io.callpulse.sinks;

import java.util.Map;

/**
 * The values the migrator fills into the migration files' placeholders.
 *
 * @param database target database ({@code ${database}}), created when missing
 * @param rawTtlDays how long {@code raw_events} keeps a row after it was received ({@code
 *     ${raw_ttl_days}})
 */
public record MigratorSettings(String database, int rawTtlDays) {

  public static final String DEFAULT_DATABASE = "callpulse";
  public static final int DEFAULT_RAW_TTL_DAYS = 90;

  public MigratorSettings {
    // The name goes into DDL as an identifier, so only plain identifiers are accepted.
    if (database == null || !database.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
      throw new IllegalArgumentException(
          "database must be a plain identifier (letters, digits, _), got " + database);
    }
    if (rawTtlDays < 1) {
      throw new IllegalArgumentException("rawTtlDays must be at least 1, got " + rawTtlDays);
    }
  }

  public static MigratorSettings defaults() {
    return new MigratorSettings(DEFAULT_DATABASE, DEFAULT_RAW_TTL_DAYS);
  }

  Map<String, String> placeholders() {
    return Map.of("database", database, "raw_ttl_days", Integer.toString(rawTtlDays));
  }
}
