package io.callpulse.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * Per-app API keys: a request for app X must carry {@code Authorization: Bearer <key>} with one of
 * X's keys. An unknown app and a wrong key get the same answer, so the API does not reveal which
 * apps exist. Keys are compared as SHA-256 digests in constant time.
 */
final class ApiKeyAuth {

  private final Map<String, List<byte[]>> digestsByApp;

  ApiKeyAuth(Map<String, List<String>> keysByApp) {
    this.digestsByApp =
        keysByApp.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey,
                    e -> e.getValue().stream().map(ApiKeyAuth::digest).toList()));
  }

  /** Throws {@link ApiException#unauthorized} unless the header holds a key of {@code appId}. */
  void check(String appId, String authorizationHeader) {
    if (authorizationHeader == null
        || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthorized("send the app's API key as Authorization: Bearer <key>");
    }
    byte[] presented = digest(authorizationHeader.substring(7).strip());
    boolean match = false;
    for (byte[] key : digestsByApp.getOrDefault(appId, List.of())) {
      match |= MessageDigest.isEqual(key, presented);
    }
    if (!match) {
      throw ApiException.unauthorized("the API key is not valid for this app");
    }
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
