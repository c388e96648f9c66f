package io.callpulse.sinks;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Sets one row's values on an insert statement, in the order of the table's insert column list
 * ({@link TableSpec#columns()}, positions from 1).
 *
 * <p>Bind {@link java.time.Instant}s (never {@code LocalDateTime}), UInt64 as {@link
 * java.math.BigInteger} or long, absent codes as SQL NULL in {@code Nullable} columns and as -1 in
 * key columns (docs/schema-contract.md). Serializable because Flink ships it to the task managers.
 */
@FunctionalInterface
public interface RowBinder<T> extends Serializable {
  void bind(PreparedStatement statement, T row) throws SQLException;
}
