package io.callpulse.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NcsParserTest {
  private static final long RECEIVED_AT_MS = 1_700_000_100_000L;

  private static ParseResult parse(String json) {
    return NcsParser.parse(json.getBytes(StandardCharsets.UTF_8), "app1", RECEIVED_AT_MS, "ing-1");
  }

  private static NcsEvent accepted(String json) {
    return assertInstanceOf(ParseResult.Accepted.class, parse(json)).event();
  }

  private static Rejection rejected(String json) {
    return assertInstanceOf(ParseResult.Rejected.class, parse(json)).rejection();
  }

  private static String userEvent(int eventType, String payloadExtra) {
    return "{\"noticeId\":\"n1\",\"productId\":1,\"eventType\":"
        + eventType
        + ",\"notifyMs\":1700000000500,\"sid\":\"S1\",\"payload\":{\"channelName\":\"room\",\"uid\":42,"
        + "\"platform\":6,\"clientType\":10,\"clientSeq\":1625051030746,\"ts\":1700000000"
        + payloadExtra
        + "}}";
  }

  @Test
  void readsAHostLeaveWithEveryField() {
    NcsEvent event =
        accepted(userEvent(104, ",\"reason\":1,\"duration\":300,\"account\":\"alice\""));
    assertEquals("app1", event.appId());
    assertEquals(RtcEventType.BROADCASTER_LEFT, event.rtcType().orElseThrow());
    assertEquals(42L, event.uid());
    assertEquals(1625051030746L, event.clientSeq());
    assertEquals(1_700_000_000L, event.ts());
    assertEquals(6, event.platform());
    assertEquals(10, event.clientType());
    assertEquals(1, event.reason());
    assertEquals(300L, event.duration());
    assertEquals("alice", event.account());
    assertEquals("S1", event.sid());
    assertTrue(event.isAnalyzable());
  }

  @Test
  void keepsMissingClientTypeAsNull() {
    String json =
        "{\"noticeId\":\"n\",\"productId\":1,\"eventType\":107,\"notifyMs\":1,\"payload\":"
            + "{\"channelName\":\"c\",\"uid\":1,\"platform\":1,\"clientSeq\":1,\"ts\":1700000000}}";
    assertNull(accepted(json).clientType());
  }

  @Test
  void storesTheFullUnsigned64BitClientSeq() {
    String json = userEvent(103, "").replace("1625051030746", "18446744073709551615");
    assertEquals("18446744073709551615", Long.toUnsignedString(accepted(json).clientSeq()));
    Rejection tooBig =
        rejected(userEvent(103, "").replace("1625051030746", "18446744073709551616"));
    assertEquals("payload.clientSeq", tooBig.field());
  }

  @Test
  void refusesUidOutsideUnsigned32Bits() {
    Rejection rejection = rejected(userEvent(103, "").replace("\"uid\":42", "\"uid\":4294967296"));
    assertEquals("payload.uid", rejection.field());
    assertEquals(Rejection.OUT_OF_RANGE, rejection.reason());
  }

  @Test
  void namesTheMissingField() {
    Rejection rejection = rejected(userEvent(105, "").replace("\"clientSeq\":1625051030746,", ""));
    assertEquals("payload.clientSeq", rejection.field());
    assertEquals(Rejection.MISSING_FIELD, rejection.reason());
    assertEquals("noticeId", rejected("{\"productId\":1}").field());
  }

  @Test
  void refusesTimestampsInMillisecondsOrFarFuture() {
    assertEquals(
        "payload.ts",
        rejected(userEvent(103, "").replace("1700000000}", "1700000000000}")).field());
    assertEquals(
        "payload.ts", rejected(userEvent(103, "").replace("1700000000}", "1800000000}")).field());
  }

  @Test
  void acceptsOldTimestampsBecauseBackfillsAreLegitimate() {
    assertEquals(
        1_300_000_000L, accepted(userEvent(103, "").replace("1700000000}", "1300000000}")).ts());
  }

  @Test
  void acceptsUnknownProductsWithAValidEnvelope() {
    NcsEvent event =
        accepted(
            "{\"noticeId\":\"x\",\"productId\":17,\"eventType\":101,\"notifyMs\":5,\"payload\":{\"agent\":1}}");
    assertEquals(17, event.productId());
    assertFalse(event.isAnalyzable());
  }

  @Test
  void acceptsUnknownRtcEventTypesRaw() {
    NcsEvent event =
        accepted(
            "{\"noticeId\":\"x\",\"productId\":1,\"eventType\":150,\"notifyMs\":5,\"payload\":{}}");
    assertFalse(event.isAnalyzable());
  }

  @Test
  void flagsConsoleHealthChecks() {
    NcsEvent event =
        accepted(
            userEvent(103, "").replace("\"room\"", "\"test_webhook\"").replace("42", "12121212"));
    assertTrue(event.healthCheck());
    assertFalse(event.isAnalyzable());
  }

  @Test
  void refusesBrokenDocuments() {
    assertEquals(Rejection.NOT_JSON, rejected("{\"noticeId\":").reason());
    assertEquals(Rejection.NOT_OBJECT, rejected("[1,2]").reason());
    assertEquals(Rejection.NOT_JSON, rejected("{\"a\":1,\"a\":2}").reason());
    assertEquals(Rejection.NOT_JSON, rejected("{} {}").reason());
    assertEquals(
        "payload",
        rejected(
                "{\"noticeId\":\"n\",\"productId\":1,\"eventType\":101,\"notifyMs\":1,\"payload\":3}")
            .field());
    assertEquals(
        Rejection.WRONG_TYPE,
        rejected(userEvent(103, "").replace("\"uid\":42", "\"uid\":\"42\"")).reason());
  }
}
