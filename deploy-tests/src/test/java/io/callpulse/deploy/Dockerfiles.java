package io.callpulse.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Dockerfile read into its stages, with ARG defaults substituted in FROM lines. */
record Dockerfiles(Path file, List<Stage> stages) {

  record Stage(String image, String alias, List<String> instructions) {
    /** The last USER of the stage, or null when it has none (the image's, often root). */
    String user() {
      String user = null;
      for (String line : instructions) {
        if (line.startsWith("USER ")) {
          user = line.substring(5).trim();
        }
      }
      return user;
    }
  }

  private static final Pattern ARG = Pattern.compile("ARG\\s+(\\w+)=(\\S+)");
  private static final Pattern FROM =
      Pattern.compile(
          "FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}");

  static Dockerfiles read(Path file) {
    List<String> lines;
    try {
      lines = joinContinuations(Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> args = new HashMap<>();
    List<Stage> stages = new ArrayList<>();
    List<String> current = null;
    for (String line : lines) {
      Matcher arg = ARG.matcher(line);
      Matcher from = FROM.matcher(line);
      if (current == null && arg.matches()) {
        args.put(arg.group(1), arg.group(2));
      } else if (from.matches()) {
        current = new ArrayList<>();
        stages.add(new Stage(substitute(from.group(1), args), from.group(2), current));
      } else if (current != null) {
        current.add(line);
      }
    }
    return new Dockerfiles(file, List.copyOf(stages));
  }

  Stage last() {
    return stages.get(stages.size() - 1);
  }

  /** A tag that names a version: not missing, not latest, and containing a digit (or a digest). */
  static boolean isPinned(String image) {
    if (image.contains("@sha256:")) {
      return true;
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (colon < slash + 1) {
      return false;
    }
    String tag = image.substring(colon + 1);
    return !tag.equals("latest") && tag.matches(".*[0-9].*") && !tag.contains("${");
  }

  private static String substitute(String text, Map<String, String> args) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(args.getOrDefault(m.group(1), m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static List<String> joinContinuations(List<String> raw) {
    List<String> lines = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : raw) {
      String trimmed = line.trim();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.length() == 0)) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
      } else {
        lines.add(pending.append(trimmed).toString().replaceAll("\\s+", " ").trim());
        pending.setLength(0);
      }
    }
    return lines;
  }
}
