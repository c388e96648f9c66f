package io.callpulse.simulator;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads "90s", "30m", "2h", "1d" or an ISO-8601 duration. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String text = value.trim();
    if (text.toUpperCase().startsWith("P")) {
      return Duration.parse(text);
    }
    if (text.length() < 2) {
      throw new TypeConversionException("'" + value + "' is not a duration like 90s, 30m, 2h, 1d");
    }
    long amount;
    try {
      amount = Long.parseLong(text.substring(0, text.length() - 1));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a duration like 90s, 30m, 2h, 1d");
    }
    return switch (Character.toLowerCase(text.charAt(text.length() - 1))) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default ->
          throw new TypeConversionException(
              "'" + value + "' is not a duration like 90s, 30m, 2h, 1d");
    };
  }
}
