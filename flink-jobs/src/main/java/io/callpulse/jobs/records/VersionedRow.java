package io.callpulse.jobs.records;

/**
 * A row of a ReplacingMergeTree table (schema-contract.md): a deterministic key and a version that
 * grows for later states of the same key.
 */
public interface VersionedRow {
  String channelName();

  /** Table-qualified key, unique within one channel; starts with the table tag and the epoch. */
  String rowKey();

  /** The same row with this version. */
  VersionedRow withVersion(long version);
}
