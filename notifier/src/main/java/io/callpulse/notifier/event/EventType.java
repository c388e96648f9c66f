package io.callpulse.notifier.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The kinds of outbound notification a tenant can subscribe to; the wire name is the contract. */
public enum EventType {
  /** A channel epoch ended (destroy notice or inactivity); its figures are final. */
  CHANNEL_EPOCH_CLOSED("channel.epoch.closed"),
  /** A user's session in a channel epoch ended (leave notice, or closed with the epoch). */
  USER_SESSION_CLOSED("user.session.closed"),
  /** A UTC day's usage of an app will not change any more. */
  USAGE_DAILY_FINAL("usage.daily.final");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static EventType fromWireName(String name) {
    return Arrays.stream(values())
        .filter(t -> t.wireName.equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown event type '"
                        + name
                        + "', expected one of "
                        + Arrays.stream(values()).map(EventType::wireName).toList()));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
