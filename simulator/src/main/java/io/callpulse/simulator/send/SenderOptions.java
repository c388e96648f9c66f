package io.callpulse.simulator.send;

import java.util.Map;

/**
 * How to deliver.
 *
 * @param gatewayUrl base URL; requests go to {@code {gatewayUrl}/{appId}/webhooks}
 * @param ratePerSecond first attempts per second; 0 = as fast as the connections allow
 * @param connections keep-alive connections, and the most requests in flight
 * @param maxRetries Agora resends a failed notification at most 3 more times
 * @param retryBaseMs first retry interval; each next one doubles (Agora's real intervals are longer
 *     and unpublished; simulated time is compressed)
 * @param timeoutMs Agora gives up on a request after 10 s
 * @param secrets appId → the NCS secret of that app; apps without one are sent unsigned
 */
public record SenderOptions(
    String gatewayUrl,
    double ratePerSecond,
    int connections,
    int maxRetries,
    long retryBaseMs,
    long timeoutMs,
    Map<String, String> secrets) {

  public SenderOptions {
    secrets = Map.copyOf(secrets);
    while (gatewayUrl.endsWith("/")) {
      gatewayUrl = gatewayUrl.substring(0, gatewayUrl.length() - 1);
    }
    if (connections < 1 || maxRetries < 0 || retryBaseMs < 0 || timeoutMs < 1) {
      throw new IllegalArgumentException("connections ≥ 1, retries ≥ 0, timeout ≥ 1 ms");
    }
  }

  /** The interval before retry {@code n} (1-based): base, 2×base, 4×base. */
  public long retryDelayMs(int n) {
    return retryBaseMs << (n - 1);
  }
}
