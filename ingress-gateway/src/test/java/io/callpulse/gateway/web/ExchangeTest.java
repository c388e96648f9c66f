package io.callpulse.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The hand-written 200 body is exactly the JSON a generator would write. */
class ExchangeTest {
  private final String ingestId = Exchange.newIngestId();

  @Test
  void theOkBodyOfAnNcsNotificationCarriesItsIngestIdAndHealthCheckFlag() {
    for (boolean healthCheck : new boolean[] {false, true}) {
      JsonObject expected =
          new JsonObject()
              .put("status", "ok")
              .put("ingestId", ingestId)
              .put("healthCheck", healthCheck);
      String body = Exchange.okBody(ingestId, healthCheck).toString();
      assertEquals(expected.encode(), body);
      assertEquals(expected, new JsonObject(body));
    }
  }

  @Test
  void theOkBodyOfAGenericSourceHasNoHealthCheckFlag() {
    String body = Exchange.okBody(ingestId).toString();
    assertEquals(new JsonObject().put("status", "ok").put("ingestId", ingestId).encode(), body);
  }
}
