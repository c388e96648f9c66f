package io.callpulse.model;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Agora NCS signatures: lowercase hex HMAC over the raw body bytes, SHA-256 in {@code
 * Agora-Signature-V2} and SHA-1 in {@code Agora-Signature}. Verification prefers V2, falls back to
 * V1, tries every active secret (rotation) and compares in constant time.
 */
public final class NcsSignature {
  public static final String HEADER_V2 = "Agora-Signature-V2";
  public static final String HEADER_V1 = "Agora-Signature";

  /** What a request's signature proved. */
  public enum Verdict {
    VALID_V2,
    VALID_V1,
    INVALID,
    MISSING
  }

  public enum Algorithm {
    SHA256("HmacSHA256"),
    SHA1("HmacSHA1");

    private final String jcaName;

    Algorithm(String jcaName) {
      this.jcaName = jcaName;
    }
  }

  private static final HexFormat HEX = HexFormat.of();

  /**
   * Each thread's initialized {@link Mac}s by algorithm and secret: looking the algorithm up and
   * deriving the key's pads for every request was half of the signature check's time, and {@code
   * doFinal} leaves a Mac ready for the next body under the same key. Bounded by the configured
   * secrets.
   */
  private static final ThreadLocal<Map<Algorithm, Map<String, Mac>>> MACS =
      ThreadLocal.withInitial(() -> new EnumMap<>(Algorithm.class));

  private NcsSignature() {}

  public static String sign(String secret, byte[] body, Algorithm algorithm) {
    return HEX.formatHex(hmac(secret, body, algorithm));
  }

  /**
   * @param v2Header the {@code Agora-Signature-V2} value or null
   * @param v1Header the {@code Agora-Signature} value or null
   */
  public static Verdict verify(
      List<String> secrets, byte[] body, String v2Header, String v1Header) {
    if (isBlank(v2Header) && isBlank(v1Header)) {
      return Verdict.MISSING;
    }
    if (!isBlank(v2Header) && matchesAny(secrets, body, v2Header, Algorithm.SHA256)) {
      return Verdict.VALID_V2;
    }
    if (!isBlank(v1Header) && matchesAny(secrets, body, v1Header, Algorithm.SHA1)) {
      return Verdict.VALID_V1;
    }
    return Verdict.INVALID;
  }

  private static boolean matchesAny(
      List<String> secrets, byte[] body, String header, Algorithm algorithm) {
    byte[] presented =
        header.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    boolean matched = false;
    // Every secret is tried even after a match, so timing does not reveal which one is current.
    for (String secret : secrets) {
      byte[] expected = sign(secret, body, algorithm).getBytes(StandardCharsets.US_ASCII);
      matched |= MessageDigest.isEqual(expected, presented);
    }
    return matched;
  }

  private static byte[] hmac(String secret, byte[] body, Algorithm algorithm) {
    Map<String, Mac> macs = MACS.get().computeIfAbsent(algorithm, a -> new HashMap<>());
    Mac mac = macs.get(secret);
    if (mac == null) {
      // not computeIfAbsent: its lambda would capture the algorithm, an allocation per request
      mac = newMac(secret, algorithm);
      macs.put(secret, mac);
    }
    return mac.doFinal(body);
  }

  private static Mac newMac(String secret, Algorithm algorithm) {
    try {
      Mac mac = Mac.getInstance(algorithm.jcaName);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm.jcaName));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm.jcaName, e);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
