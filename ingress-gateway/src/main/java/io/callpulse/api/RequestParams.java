package io.callpulse.api;

import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The request's path and query parameters, validated: each accessor returns a typed value or throws
 * {@link ApiException#badParameter} naming the parameter. Values only ever reach ClickHouse as
 * query parameters, never inside SQL text; validation is for clear errors, not for safety.
 */
final class RequestParams {

  static final int MAX_TEXT = 256;
  private static final long MAX_UINT32 = 4_294_967_295L;

  private final RoutingContext context;

  RequestParams(RoutingContext context) {
    this.context = context;
  }

  String appId() {
    return pathText("appId");
  }

  String channelName() {
    return pathText("channelName");
  }

  long uid() {
    String raw = context.pathParam("uid");
    try {
      long uid = Long.parseLong(raw);
      if (uid >= 0 && uid <= MAX_UINT32) {
        return uid;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badParameter("uid", "uid must be an unsigned 32-bit integer, got " + raw);
  }

  int page() {
    return optionalInt("page", 1, Integer.MAX_VALUE).orElse(1);
  }

  int perPage(int max) {
    return optionalInt("per_page", 1, max).orElse(Math.min(QueryApiConfig.DEFAULT_PER_PAGE, max));
  }

  Optional<String> text(String name) {
    return query(name)
        .map(
            value -> {
              if (value.length() > MAX_TEXT) {
                throw ApiException.badParameter(
                    name, name + " must be at most " + MAX_TEXT + " characters");
              }
              return value;
            });
  }

  Optional<LocalDate> date(String name) {
    return query(name)
        .map(
            value -> {
              try {
                return LocalDate.parse(value);
              } catch (DateTimeParseException e) {
                throw ApiException.badParameter(
                    name, name + " must be a date like 2025-03-01, got " + shorten(value));
              }
            });
  }

  Optional<Integer> optionalInt(String name, int min, int max) {
    return query(name)
        .map(
            value -> {
              try {
                int parsed = Integer.parseInt(value);
                if (parsed >= min && parsed <= max) {
                  return parsed;
                }
              } catch (NumberFormatException e) {
                // reported below
              }
              throw ApiException.badParameter(
                  name,
                  name
                      + " must be an integer from "
                      + min
                      + " to "
                      + max
                      + ", got "
                      + shorten(value));
            });
  }

  /** One of {@code allowed}, or empty when absent. */
  Optional<String> choice(String name, List<String> allowed) {
    return query(name)
        .map(
            value -> {
              if (!allowed.contains(value)) {
                throw ApiException.badParameter(
                    name, name + " must be one of " + allowed + ", got " + shorten(value));
              }
              return value;
            });
  }

  Optional<String> query(String name) {
    List<String> values = context.queryParam(name);
    if (values.isEmpty() || values.get(0).isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw ApiException.badParameter(name, name + " must be given once");
    }
    return Optional.of(values.get(0));
  }

  private String pathText(String name) {
    String value = context.pathParam(name);
    if (value == null || value.isEmpty() || value.length() > MAX_TEXT) {
      throw ApiException.badParameter(name, name + " must be 1 to " + MAX_TEXT + " characters");
    }
    return value;
  }

  static String shorten(String value) {
    return value.length() <= 40 ? "'" + value + "'" : "'" + value.substring(0, 40) + "...'";
  }
}
