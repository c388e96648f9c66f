package io.callpulse.gateway.hooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Constant-time comparisons and HMACs shared by the validators. */
final class Secrets {
  private Secrets() {}

  /** True when {@code presented} equals any candidate; every candidate is compared. */
  static boolean matchesAny(List<String> candidates, String presented) {
    if (presented == null) {
      return false;
    }
    byte[] given = presented.getBytes(StandardCharsets.UTF_8);
    boolean matched = false;
    for (String candidate : candidates) {
      matched |= MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), given);
    }
    return matched;
  }

  static byte[] hmac(String jcaName, byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(jcaName);
      mac.init(new SecretKeySpec(key, jcaName));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + jcaName, e);
    }
  }
}
