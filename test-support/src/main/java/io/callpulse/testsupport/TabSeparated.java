package io.callpulse.testsupport;

import java.util.ArrayList;
import java.util.List;

/** Reads ClickHouse's {@code TabSeparated} output format: escaped fields, {@code \N} for NULL. */
final class TabSeparated {

  private TabSeparated() {}

  /** Rows of fields; a NULL becomes a Java {@code null}. */
  static List<List<String>> parse(String body) {
    List<List<String>> rows = new ArrayList<>();
    if (body.isEmpty()) {
      return rows;
    }
    // escaped output never holds a raw newline or tab inside a field
    String text = body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
    for (String line : text.split("\n", -1)) {
      List<String> row = new ArrayList<>();
      for (String field : line.split("\t", -1)) {
        row.add(unescape(field));
      }
      rows.add(row);
    }
    return rows;
  }

  static String unescape(String field) {
    if ("\\N".equals(field)) {
      return null;
    }
    if (field.indexOf('\\') < 0) {
      return field;
    }
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c != '\\' || i + 1 == field.length()) {
        out.append(c);
        continue;
      }
      char next = field.charAt(++i);
      out.append(
          switch (next) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case '0' -> '\0';
            default -> next; // \\ \' and any other escaped character stand for themselves
          });
    }
    return out.toString();
  }
}
