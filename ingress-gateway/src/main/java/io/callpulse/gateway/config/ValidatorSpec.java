package io.callpulse.gateway.config;

import java.util.List;
import java.util.Map;

/**
 * One check a generic source's request must pass; a source's checks are combined with AND. Every
 * {@code toString} leaves secrets out.
 */
public sealed interface ValidatorSpec {
  String type();

  /** A fixed shared token in a header of the source's choosing. */
  record StaticToken(String header, List<String> tokens) implements ValidatorSpec {
    public String type() {
      return "token";
    }

    @Override
    public String toString() {
      return "token[header=" + header + ", " + tokens.size() + " token(s)]";
    }
  }

  /** {@code Authorization: Bearer <token>}. */
  record Bearer(List<String> tokens) implements ValidatorSpec {
    public String type() {
      return "bearer";
    }

    @Override
    public String toString() {
      return "bearer[" + tokens.size() + " token(s)]";
    }
  }

  /** {@code Authorization: Basic base64(user:password)}. */
  record Basic(Map<String, String> users) implements ValidatorSpec {
    public String type() {
      return "basic";
    }

    @Override
    public String toString() {
      return "basic[users=" + users.keySet() + "]";
    }
  }

  enum HmacAlgorithm {
    SHA1("HmacSHA1"),
    SHA256("HmacSHA256"),
    SHA512("HmacSHA512");

    public final String jcaName;

    HmacAlgorithm(String jcaName) {
      this.jcaName = jcaName;
    }
  }

  enum Encoding {
    HEX,
    BASE64
  }

  /**
   * HMAC over the raw body, e.g. GitHub's {@code X-Hub-Signature-256: sha256=<hex>}; the prefix is
   * stripped before comparing.
   */
  record Hmac(
      String header,
      HmacAlgorithm algorithm,
      Encoding encoding,
      String prefix,
      List<String> secrets)
      implements ValidatorSpec {
    public String type() {
      return "hmac";
    }

    @Override
    public String toString() {
      return "hmac[header="
          + header
          + ", algorithm="
          + algorithm
          + ", encoding="
          + encoding
          + ", prefix='"
          + prefix
          + "', "
          + secrets.size()
          + " secret(s)]";
    }
  }

  /** https://www.standardwebhooks.com: webhook-id, webhook-timestamp, webhook-signature. */
  record StandardWebhooks(List<String> secrets, long toleranceSeconds) implements ValidatorSpec {
    public String type() {
      return "standard-webhooks";
    }

    @Override
    public String toString() {
      return "standard-webhooks["
          + secrets.size()
          + " secret(s), toleranceSeconds="
          + toleranceSeconds
          + "]";
    }
  }

  /** The peer address must fall in one of these addresses or CIDR blocks (IPv4 or IPv6). */
  record IpAllowlist(List<String> cidrs) implements ValidatorSpec {
    public String type() {
      return "ip-allowlist";
    }
  }

  /** The body must be a JSON object in which every JSON pointer resolves to a non-null value. */
  record JsonFields(List<String> pointers) implements ValidatorSpec {
    public String type() {
      return "json-fields";
    }
  }
}
