package io.callpulse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills the {@code @NAME@} placeholders of the config templates under {@code tools/}. */
final class Templates {

  private static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z0-9_]+@");
  // the templates' comments mention "@PLACEHOLDERS@" in prose: only live text must be complete
  private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->|(?m)^\\s*#.*$");

  private Templates() {}

  static void render(Path template, Map<String, String> values, Path target) {
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.writeString(target, fill(Files.readString(template), values, template.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render " + template + " to " + target, e);
    }
  }

  /**
   * Replaces every placeholder; one left over outside comments means the template and this code
   * disagree.
   */
  static String fill(String text, Map<String, String> values, String source) {
    String result = text;
    for (Map.Entry<String, String> entry : values.entrySet()) {
      result = result.replace("@" + entry.getKey() + "@", entry.getValue());
    }
    Matcher left = PLACEHOLDER.matcher(COMMENT.matcher(result).replaceAll(""));
    if (left.find()) {
      throw new IllegalStateException(source + " has a placeholder nobody fills: " + left.group());
    }
    return result;
  }
}
