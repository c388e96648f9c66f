package io.callpulse.jobs.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.core.memory.DataOutputSerializer;

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

  /**
   * 64-bit FNV-1a of the row's content (version excluded), to notice changed rows: hashed over the
   * row's Flink serialized form, so every field counts without a per-table list to keep in step.
   */
  public static long contentHash(VersionedRow row) {
    return HASHING.get().hash(row.withVersion(0));
  }

  private static final ThreadLocal<RowHashing> HASHING = ThreadLocal.withInitial(RowHashing::new);

  /** Serializers are not thread-safe, hence one set (and one buffer) per thread. */
  private static final class RowHashing {
    private final Map<Class<?>, TypeSerializer<VersionedRow>> serializers = new HashMap<>();
    private final DataOutputSerializer buffer = new DataOutputSerializer(256);

    long hash(VersionedRow row) {
      buffer.clear();
      try {
        serializers
            .computeIfAbsent(row.getClass(), RowHashing::serializerOf)
            .serialize(row, buffer);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // an in-memory buffer does not fail
      }
      byte[] bytes = buffer.getSharedBuffer();
      long hash = 0xcbf29ce484222325L;
      for (int i = 0; i < buffer.length(); i++) {
        hash ^= bytes[i] & 0xff;
        hash *= 0x100000001b3L;
      }
      return hash;
    }

    @SuppressWarnings("unchecked")
    private static TypeSerializer<VersionedRow> serializerOf(Class<?> type) {
      TypeInformation<?> info = TypeInformation.of(type);
      if (info instanceof GenericTypeInfo) {
        // Kryo's output is not a stable function of the fields; every row type is a Flink POJO.
        throw new IllegalStateException(type + " is not serialized as a Flink POJO");
      }
      return (TypeSerializer<VersionedRow>) info.createSerializer(new SerializerConfigImpl());
    }
  }
}
