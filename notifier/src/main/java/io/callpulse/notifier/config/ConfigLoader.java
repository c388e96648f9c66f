package io.callpulse.notifier.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML configuration. {@code ${NAME}} anywhere in the file is replaced by the environment
 * variable NAME (so secrets and passwords need not be written in the file); an unset variable is an
 * error. Unknown keys are errors too: a typo must not silently disable a setting. Then {@code
 * clickhouse.passwordEnv} is read from the environment, and {@link OpsSettings#HOST_ENV} / {@link
 * OpsSettings#PORT_ENV} override {@code ops.host} / {@code ops.port}.
 */
public final class ConfigLoader {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final ObjectMapper yaml =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .findAndRegisterModules();
  private final Function<String, String> environment;

  public ConfigLoader() {
    this(System::getenv);
  }

  public ConfigLoader(Map<String, String> environment) {
    this(environment::get);
  }

  private ConfigLoader(Function<String, String> environment) {
    this.environment = environment;
  }

  public NotifierConfig load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public NotifierConfig parse(String text) {
    try {
      NotifierConfig config = yaml.readValue(substitute(text), NotifierConfig.class);
      return config.with(
          config.clickhouse().withPasswordFrom(environment),
          config.ops().withEnvironment(environment));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid notifier configuration: " + e.getMessage(), e);
    } catch (IOException e) {
      // Jackson wraps the records' own IllegalArgumentExceptions: keep their message first
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new ConfigException("invalid notifier configuration: " + root.getMessage(), e);
    }
  }

  private String substitute(String text) {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = environment.apply(matcher.group(1));
      if (value == null) {
        throw new ConfigException(
            "the configuration uses ${" + matcher.group(1) + "} but it is not set", null);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
