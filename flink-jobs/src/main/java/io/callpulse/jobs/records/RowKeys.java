package io.callpulse.jobs.records;

/**
 * Row keys of the channel tables as strings ("tag|epoch|..."), which is what the job remembers of
 * the rows it emitted, and how it rebuilds an {@code is_deleted=1} row for a key that disappeared.
 * Epoch ids, session ids, days and codes never contain '|'.
 */
public final class RowKeys {
  private RowKeys() {}

  static String join(String... parts) {
    return String.join("|", parts);
  }

  public static String epochOf(String rowKey) {
    return rowKey.split("\\|", -1)[1];
  }

  /** The deletion row for a key previously emitted for this channel. */
  public static VersionedRow deletion(String appId, String channel, String rowKey, long version) {
    String[] key = rowKey.split("\\|", -1);
    return switch (key[0]) {
      case UserSessionRow.TAG -> UserSessionRow.deleted(appId, channel, key, version);
      case ChannelEpochRow.TAG -> ChannelEpochRow.deleted(appId, channel, key, version);
      case ConcurrencyStepRow.TAG -> ConcurrencyStepRow.deleted(appId, channel, key, version);
      case ConcurrencyMinuteRow.TAG -> ConcurrencyMinuteRow.deleted(appId, channel, key, version);
      case DailyChannelUsageRow.TAG -> DailyChannelUsageRow.deleted(appId, channel, key, version);
      case DailyUserUsageRow.TAG -> DailyUserUsageRow.deleted(appId, channel, key, version);
      default -> throw new IllegalArgumentException("unknown row key " + rowKey);
    };
  }

  /** 64-bit FNV-1a of the row's content (version excluded), to notice changed rows. */
  public static long contentHash(VersionedRow row) {
    String text = row.withVersion(0).toString();
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      hash ^= text.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
