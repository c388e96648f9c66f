package io.callpulse.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every key of helm/callpulse/values.yaml has a comment line right above it. Keys inside list items
 * (example entries such as ingress hosts) are documented by their list's comment.
 */
class ValuesDocumentationTest {
  private static final Pattern KEY = Pattern.compile("^(\\s*)[A-Za-z0-9_.\\-]+:.*");

  @Test
  void everyKeyIsDocumented() throws IOException {
    List<String> lines = Files.readAllLines(Repository.chart().resolve("values.yaml"));
    List<String> undocumented = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      var key = KEY.matcher(lines.get(i));
      if (!key.matches() || insideListItem(lines, i, key.group(1).length())) {
        continue;
      }
      String previous = i == 0 ? "" : lines.get(i - 1).trim();
      if (!previous.startsWith("#")) {
        undocumented.add((i + 1) + ": " + lines.get(i).trim());
      }
    }
    assertTrue(
        undocumented.isEmpty(), "keys without a comment:\n" + String.join("\n", undocumented));
  }

  private static boolean insideListItem(List<String> lines, int index, int indent) {
    for (int i = index - 1; i >= 0; i--) {
      String line = lines.get(i);
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int lineIndent = line.length() - line.stripLeading().length();
      if (lineIndent < indent) {
        return trimmed.startsWith("- ") || insideListItem(lines, i, lineIndent);
      }
    }
    return false;
  }
}
