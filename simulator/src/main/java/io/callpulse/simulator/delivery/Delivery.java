package io.callpulse.simulator.delivery;

import io.callpulse.model.NcsSignature;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * One notification copy Agora sends to the app's webhook. The body is rendered on demand because a
 * resend carries a new {@code notifyMs} (delivery time), and the signature covers the exact bytes.
 *
 * @param eventKey the true event this copy reports, or null for health checks and other products
 */
public record Delivery(
    String appId,
    String noticeId,
    int productId,
    int eventType,
    long notifyMs,
    String sid,
    JsonObject payload,
    Copy copy,
    String eventKey) {

  /** Why this copy exists. */
  public enum Copy {
    ORIGINAL,
    /** Same noticeId resent (new notifyMs or byte-identical). */
    DUPLICATE,
    /** Same event with a new noticeId. */
    REDUNDANT,
    /** A second 102 for the same destroy, naming another lastUid. */
    EXTRA_DESTROY,
    HEALTH_CHECK,
    OTHER_PRODUCT
  }

  public byte[] body() {
    return body(notifyMs);
  }

  /** The body as Agora writes it: envelope fields first, payload last, no whitespace. */
  public byte[] body(long sentAtMs) {
    JsonObject envelope =
        new JsonObject()
            .put("noticeId", noticeId)
            .put("productId", productId)
            .put("eventType", eventType)
            .put("notifyMs", sentAtMs);
    if (sid != null) {
      envelope.put("sid", sid);
    }
    envelope.put("payload", payload);
    return envelope.encode().getBytes(StandardCharsets.UTF_8);
  }

  public String signatureV2(String secret, byte[] body) {
    return NcsSignature.sign(secret, body, NcsSignature.Algorithm.SHA256);
  }

  public String signatureV1(String secret, byte[] body) {
    return NcsSignature.sign(secret, body, NcsSignature.Algorithm.SHA1);
  }

  Delivery resent(String newNoticeId, long newNotifyMs, Copy newCopy) {
    return new Delivery(
        appId, newNoticeId, productId, eventType, newNotifyMs, sid, payload, newCopy, eventKey);
  }
}
