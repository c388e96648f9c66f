package io.callpulse.grafana;

/** JavaScript string semantics the ported browser code relies on. */
final class JavaScriptStrings {

  private JavaScriptStrings() {}

  /**
   * {@code subject.replace(pattern, replacement)} with a string pattern: the first occurrence only,
   * and the replacement's {@code $$ $& $` $'} patterns applied.
   */
  static String replaceFirst(String subject, String pattern, String replacement) {
    int at = subject.indexOf(pattern);
    if (at < 0) {
      return subject;
    }
    String before = subject.substring(0, at);
    String after = subject.substring(at + pattern.length());
    StringBuilder expanded = new StringBuilder();
    for (int i = 0; i < replacement.length(); i++) {
      char c = replacement.charAt(i);
      char next = i + 1 < replacement.length() ? replacement.charAt(i + 1) : 0;
      if (c == '$' && next == '$') {
        expanded.append('$');
        i++;
      } else if (c == '$' && next == '&') {
        expanded.append(pattern);
        i++;
      } else if (c == '$' && next == '`') {
        expanded.append(before);
        i++;
      } else if (c == '$' && next == '\'') {
        expanded.append(after);
        i++;
      } else {
        expanded.append(c);
      }
    }
    return before + expanded + after;
  }
}
