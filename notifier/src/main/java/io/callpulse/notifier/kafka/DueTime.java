package io.callpulse.notifier.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The header that says when a retry record may be attempted: epoch milliseconds in ASCII decimal,
 * readable by any tool ({@code kcat -f '%h'}) without parsing the JSON value.
 */
public final class DueTime {

  public static final String HEADER = "callpulse-due-at";

  private DueTime() {}

  public static byte[] encode(Instant due) {
    return Long.toString(due.toEpochMilli()).getBytes(StandardCharsets.US_ASCII);
  }

  public static OptionalLong read(Headers headers) {
    Header header = headers.lastHeader(HEADER);
    if (header == null || header.value() == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII)));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
