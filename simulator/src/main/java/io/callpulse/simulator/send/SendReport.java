package io.callpulse.simulator.send;

import java.util.List;
import java.util.Map;

/**
 * The outcome of delivering a plan.
 *
 * @param deliveries notifications to deliver
 * @param requests HTTP attempts, retries included
 * @param accepted notifications answered 200 (possibly after retries)
 * @param retriedDeliveries notifications that needed at least one retry
 * @param retries retry attempts
 * @param rejected notifications whose last attempt got a non-200 answer
 * @param failed notifications whose last attempt got no answer (connection error, timeout)
 * @param statuses HTTP status → answers, all attempts
 * @param notAccepted indexes (in the plan) of the notifications Agora would have given up on
 */
public record SendReport(
    int deliveries,
    long requests,
    long accepted,
    long retriedDeliveries,
    long retries,
    long rejected,
    long failed,
    Map<Integer, Long> statuses,
    Map<String, Long> errors,
    double seconds,
    long p50Micros,
    long p99Micros,
    long maxMicros,
    List<Integer> notAccepted) {

  public SendReport {
    statuses = Map.copyOf(statuses);
    errors = Map.copyOf(errors);
    notAccepted = List.copyOf(notAccepted);
  }

  public boolean allAccepted() {
    return accepted == deliveries;
  }

  public double requestsPerSecond() {
    return seconds > 0 ? requests / seconds : 0;
  }

  public String format() {
    return String.format(
        "sent %d notifications in %d requests over %.1f s (%.0f req/s)%n"
            + "accepted %d | retried %d (%d retries) | rejected %d | failed after retries %d%n"
            + "latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n"
            + "statuses %s%s",
        deliveries,
        requests,
        seconds,
        requestsPerSecond(),
        accepted,
        retriedDeliveries,
        retries,
        rejected,
        failed,
        p50Micros / 1000.0,
        p99Micros / 1000.0,
        maxMicros / 1000.0,
        statuses,
        errors.isEmpty() ? "" : String.format("%nerrors %s", errors));
  }
}
