package io.callpulse.notifier.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  // The example of the Standard Webhooks specification (standard-webhooks/spec, "Signature
  // scheme").
  static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long SPEC_TIMESTAMP = 1614265330;
  static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  static final String OTHER_SECRET = "whsec_" + "c2Vjb25kLXNlY3JldC0xMjM0NTY3OA==";

  @Test
  void signsThePublishedExample() {
    assertEquals(
        SPEC_SIGNATURE, WebhookSigner.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY));
  }

  @Test
  void verifiesThePublishedExampleWithAnyOfTheSecrets() {
    assertTrue(
        WebhookSigner.verify(
            List.of(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE));
    assertTrue(
        WebhookSigner.verify(
            List.of(OTHER_SECRET, SPEC_SECRET),
            SPEC_ID,
            SPEC_TIMESTAMP,
            SPEC_BODY,
            SPEC_SIGNATURE));
    assertTrue(
        WebhookSigner.verify(
            List.of(SPEC_SECRET),
            SPEC_ID,
            SPEC_TIMESTAMP,
            SPEC_BODY,
            "v1,bm90LXRoaXMtb25l " + SPEC_SIGNATURE));
  }

  @Test
  void refusesChangedBodyIdTimestampOrSecret() {
    byte[] other = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
    assertFalse(
        WebhookSigner.verify(List.of(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, other, SPEC_SIGNATURE));
    assertFalse(
        WebhookSigner.verify(
            List.of(SPEC_SECRET), "msg_other", SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE));
    assertFalse(
        WebhookSigner.verify(
            List.of(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY, SPEC_SIGNATURE));
    assertFalse(
        WebhookSigner.verify(
            List.of(OTHER_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SIGNATURE));
    assertFalse(
        WebhookSigner.verify(List.of(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, null));
    assertFalse(
        WebhookSigner.verify(
            List.of(SPEC_SECRET),
            SPEC_ID,
            SPEC_TIMESTAMP,
            SPEC_BODY,
            SPEC_SIGNATURE.replace("v1,", "v2,")));
  }
}
