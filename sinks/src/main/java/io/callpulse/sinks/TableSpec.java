package io.callpulse.sinks;

import java.io.Serializable;
import java.util.List;

/**
 * A table the analytics job writes: its name and the columns an insert sets, in binding order.
 *
 * @param name table name, unqualified (the JDBC URL selects the database)
 * @param columns insert column list; a {@link RowBinder} sets parameter {@code i + 1} to column i
 */
public record TableSpec(String name, List<String> columns) implements Serializable {

  public TableSpec {
    if (name == null || !name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("table name must be a plain identifier, got " + name);
    }
    columns = List.copyOf(columns);
    if (columns.isEmpty() || columns.stream().distinct().count() != columns.size()) {
      throw new IllegalArgumentException("table " + name + " needs distinct columns: " + columns);
    }
  }

  /** {@code INSERT INTO name (c1, ...) VALUES (?, ...)}. */
  public String insertSql() {
    return "INSERT INTO "
        + name
        + " ("
        + String.join(", ", columns)
        + ") VALUES ("
        + String.join(", ", java.util.Collections.nCopies(columns.size(), "?"))
        + ")";
  }

  /**
   * The 1-based statement parameter of {@code column}, for binders that want names instead of
   * numbers (look it up once, in a static field, not per row).
   */
  public int position(String column) {
    int index = columns.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException("table " + name + " has no column " + column);
    }
    return index + 1;
  }
}
