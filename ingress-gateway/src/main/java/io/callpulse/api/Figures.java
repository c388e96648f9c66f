package io.callpulse.api;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** How the API writes figures: seconds as integers, minutes = seconds / 60 with two decimals. */
final class Figures {

  private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
  private static final DateTimeFormatter CLICKHOUSE_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private Figures() {}

  static BigDecimal minutes(long seconds) {
    return BigDecimal.valueOf(seconds).divide(SIXTY, 2, RoundingMode.HALF_UP);
  }

  /** Normalises {@code secondsField} to a long and adds {@code minutesField} next to it. */
  static JsonObject withMinutes(JsonObject row, String secondsField, String minutesField) {
    long seconds = row.getLong(secondsField, 0L);
    return row.put(secondsField, seconds).put(minutesField, minutes(seconds));
  }

  /** A day's first second as a ClickHouse {@code DateTime} parameter value (UTC). */
  static String startOf(LocalDate day) {
    return day.atStartOfDay().format(CLICKHOUSE_DATE_TIME);
  }
}
