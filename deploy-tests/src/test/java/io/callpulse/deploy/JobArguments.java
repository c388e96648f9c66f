package io.callpulse.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The analytics job's option names, read from JobOptions.NAMES in the job's source (this module
 * does not depend on the job), so that the chart and the compose file cannot pass an option the job
 * does not know: the job refuses those at start, which only a deployment would show.
 */
final class JobArguments {
  private static final Pattern NAMES_LIST =
      Pattern.compile("NAMES\\s*=\\s*List\\.of\\(([^)]*)\\)", Pattern.DOTALL);
  private static final Pattern QUOTED = Pattern.compile("\"([a-z-]+)\"");

  private JobArguments() {}

  static Set<String> known() throws IOException {
    String source =
        Files.readString(
            Repository.root()
                .resolve("flink-jobs/src/main/java/io/callpulse/jobs/JobOptions.java"));
    Matcher list = NAMES_LIST.matcher(source);
    assertTrue(list.find(), "JobOptions.NAMES not found");
    Set<String> names = new TreeSet<>();
    Matcher name = QUOTED.matcher(list.group(1));
    while (name.find()) {
      names.add(name.group(1));
    }
    return names;
  }

  /** Asserts every {@code --name} among {@code args} is a job option, and returns the names. */
  static List<String> assertKnown(JsonNode args) throws IOException {
    Set<String> known = known();
    List<String> used = new ArrayList<>();
    args.forEach(
        a -> {
          String text = a.asText();
          if (text.startsWith("--")) {
            used.add(text.substring(2));
          }
        });
    List<String> unknown = used.stream().filter(n -> !known.contains(n)).toList();
    assertTrue(unknown.isEmpty(), "options the job does not know: " + unknown + "; known " + known);
    return used;
  }
}
