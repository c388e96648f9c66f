package io.callpulse.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notifier's configuration keys, read from the record components of its config classes in the
 * notifier's source (this module does not depend on the notifier), so that the chart and the
 * compose file cannot hand it a key it refuses at start. Also the {@code ${NAME}} references of a
 * file.
 */
final class NotifierConfigKeys {
  private static final String SOURCES = "notifier/src/main/java/io/callpulse/notifier/";
  private static final Map<String, String> SECTIONS =
      Map.of(
          "kafka", "config/KafkaSettings.java",
          "clickhouse", "config/ClickHouseSettings.java",
          "delivery", "config/DeliverySettings.java",
          "ops", "config/OpsSettings.java",
          "subscriptions", "subscription/Subscription.java");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern GENERIC = Pattern.compile("<[^<>]*>");

  private NotifierConfigKeys() {}

  /** The keys of {@code config} (a parsed notifier.yaml) the notifier does not know. */
  static List<String> unknownKeys(JsonNode config) {
    List<String> unknown = new ArrayList<>();
    Set<String> top = components("config/NotifierConfig.java");
    config
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (!top.contains(key)) {
                unknown.add(key);
              } else if (SECTIONS.containsKey(key)) {
                Set<String> known = components(SECTIONS.get(key));
                JsonNode section = config.get(key);
                for (JsonNode item : section.isArray() ? section : List.of(section)) {
                  item.fieldNames()
                      .forEachRemaining(
                          k -> {
                            if (!known.contains(k)) {
                              unknown.add(key + "." + k);
                            }
                          });
                }
              }
            });
    return unknown;
  }

  /** The {@code ${NAME}} references of a configuration file's text. */
  static Set<String> variables(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static Set<String> components(String file) {
    String source;
    try {
      source = Files.readString(Repository.root().resolve(SOURCES + file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher record = Pattern.compile("public record \\w+\\(([^)]*)\\)").matcher(source);
    assertTrue(record.find(), "no record in " + file);
    String list = record.group(1);
    for (String before = ""; !before.equals(list); ) {
      before = list;
      list = GENERIC.matcher(list).replaceAll("");
    }
    Set<String> names = new TreeSet<>();
    Arrays.stream(list.split(","))
        .map(String::trim)
        .filter(c -> !c.isEmpty())
        .forEach(c -> names.add(c.substring(c.lastIndexOf(' ') + 1)));
    return names;
  }
}
