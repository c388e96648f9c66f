package io.callpulse.notifier.delivery;

/**
 * One endpoint's circuit: after {@code threshold} consecutive failures nothing is sent to it for
 * {@code openMs}. The first failure after that opens it again at once (half-open), a success closes
 * it. Used from one Vert.x context only ({@link #openUntilMs()} may be read from others).
 */
public final class CircuitBreaker {

  private final int threshold;
  private final long openMs;
  private int consecutiveFailures;
  private volatile long openUntilMs;

  public CircuitBreaker(int threshold, long openMs) {
    this.threshold = threshold;
    this.openMs = openMs;
  }

  public boolean allows(long nowMs) {
    return nowMs >= openUntilMs;
  }

  public long openUntilMs() {
    return openUntilMs;
  }

  public void onSuccess() {
    consecutiveFailures = 0;
  }

  public void onFailure(long nowMs) {
    consecutiveFailures++;
    if (consecutiveFailures >= threshold) {
      openUntilMs = nowMs + openMs;
      consecutiveFailures = threshold - 1;
    }
  }
}
