package io.callpulse.simulator.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callpulse.model.NcsCodes;
import io.callpulse.model.NcsSignature;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator signs with the model's NcsSignature; agora-ncs.md §1 has a verified vector. */
class NcsSignatureVectorTest {
  private static final String VECTOR_BODY =
      "{\"eventMs\":1560408533119,\"eventType\":10,\"noticeId\":\"4eb720f0-8da7-11e9-a43e-53f411c2761f\","
          + "\"notifyMs\":1560408533119,\"payload\":{\"a\":\"1\",\"b\":2},\"productId\":1}";

  @Test
  void signsAgorasTestVector() {
    byte[] body = VECTOR_BODY.getBytes(StandardCharsets.UTF_8);
    Delivery any = delivery();
    assertEquals(
        "6d3320c60b11101395b7fc8f9068748808a0aa1bfa064438e39d1bc2c7d74d99",
        any.signatureV2("secret", body));
    assertEquals("033c62f40f687675f17f0f41f91a40c71c0f134c", any.signatureV1("secret", body));
  }

  @Test
  void signaturesOfARenderedBodyVerify() {
    Delivery delivery = delivery();
    byte[] body = delivery.body();
    assertEquals(
        NcsSignature.Verdict.VALID_V2,
        NcsSignature.verify(List.of("s3cret"), body, delivery.signatureV2("s3cret", body), null));
    assertEquals(
        NcsSignature.Verdict.VALID_V1,
        NcsSignature.verify(List.of("s3cret"), body, null, delivery.signatureV1("s3cret", body)));
  }

  @Test
  void bodyHasAgorasFieldOrderAndAResendHasItsOwnNotifyMs() {
    Delivery delivery = delivery();
    assertEquals(
        "{\"noticeId\":\"1:2:101\",\"productId\":1,\"eventType\":101,\"notifyMs\":1714600000123,"
            + "\"payload\":{\"channelName\":\"room\",\"ts\":1714600000}}",
        new String(delivery.body(), StandardCharsets.UTF_8));
    assertEquals(
        "{\"noticeId\":\"1:2:101\",\"productId\":1,\"eventType\":101,\"notifyMs\":1714600005000,"
            + "\"payload\":{\"channelName\":\"room\",\"ts\":1714600000}}",
        new String(delivery.body(1714600005000L), StandardCharsets.UTF_8));
  }

  private static Delivery delivery() {
    return new Delivery(
        "app",
        "1:2:101",
        NcsCodes.PRODUCT_RTC,
        101,
        1714600000123L,
        null,
        new JsonObject().put("channelName", "room").put("ts", 1714600000L),
        Delivery.Copy.ORIGINAL,
        "app/room/e0/create");
  }
}
