package io.callpulse.gateway.config;

/**
 * A token bucket: {@code burst} requests at once, refilled at {@code perSecond}. Zero perSecond
 * means unlimited.
 */
public record RateLimit(long perSecond, long burst) {
  public static final RateLimit UNLIMITED = new RateLimit(0, 0);

  public boolean unlimited() {
    return perSecond <= 0;
  }
}
