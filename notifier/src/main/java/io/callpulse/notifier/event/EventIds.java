package io.callpulse.notifier.event;

import io.callpulse.model.OutboundEventIds;

/**
 * Deterministic event ids: the same fact always gets the same id, so a producer that replays (a
 * Flink job restored from a checkpoint) emits ids the receivers already saw and dedupe on.
 *
 * <p>The recipe is {@link OutboundEventIds} (module model, shared with the analytics job that
 * produces the events). The content key per type is in the module README.
 */
public final class EventIds {

  private EventIds() {}

  public static String of(EventType type, String appId, String... keyParts) {
    return OutboundEventIds.of(type.wireName(), appId, keyParts);
  }

  /** appId/channelName/epochId. */
  public static String channelEpochClosed(String appId, String channelName, String epochId) {
    return of(EventType.CHANNEL_EPOCH_CLOSED, appId, channelName, epochId);
  }

  /** appId/channelName/epochId/sessionId. */
  public static String userSessionClosed(
      String appId, String channelName, String epochId, String sessionId) {
    return of(EventType.USER_SESSION_CLOSED, appId, channelName, epochId, sessionId);
  }

  /** appId/day (ISO date, UTC). */
  public static String usageDailyFinal(String appId, String isoDay) {
    return of(EventType.USAGE_DAILY_FINAL, appId, isoDay);
  }
}
