package io.callpulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryApiConfigTest {

  private static final String KEY = "0123456789abcdef-secret";

  @Test
  void readsTheVerticleConfigWithDefaults() {
    QueryApiConfig config =
        QueryApiConfig.fromJson(
            new JsonObject()
                .put(
                    "clickhouse",
                    new JsonObject().put("url", "http://ch:8123/").put("password", "pw"))
                .put("apiKeys", new JsonObject().put("app1", List.of(KEY))));
    assertEquals(8081, config.port());
    assertEquals("http://ch:8123", config.clickHouseUrl());
    assertEquals("callpulse", config.database());
    assertEquals(Map.of("app1", List.of(KEY)), config.apiKeys());
    assertEquals(500, config.maxPerPage());
  }

  @Test
  void toStringHidesThePasswordAndTheKeys() {
    String text =
        QueryApiConfig.of(
                "http://ch:8123", "callpulse", "reader", "pw-secret", Map.of("app1", List.of(KEY)))
            .toString();
    assertFalse(text.contains("pw-secret"), text);
    assertFalse(text.contains(KEY), text);
    assertTrue(text.contains("app1"), text);
  }

  @Test
  void rejectsShortKeysAndBadSettings() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            QueryApiConfig.of(
                "http://ch:8123", "callpulse", "u", "", Map.of("a", List.of("short"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> QueryApiConfig.of("ch:8123", "callpulse", "u", "", Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> QueryApiConfig.of("http://ch:8123", "call-pulse; drop", "u", "", Map.of()));
  }

  @Test
  void apiKeysAreCheckedPerApp() {
    ApiKeyAuth auth = new ApiKeyAuth(Map.of("app1", List.of(KEY)));
    auth.check("app1", "Bearer " + KEY);
    auth.check("app1", "bearer " + KEY);
    assertEquals(
        401, assertThrows(ApiException.class, () -> auth.check("app2", "Bearer " + KEY)).status());
    assertEquals(
        401, assertThrows(ApiException.class, () -> auth.check("app1", "Bearer nope")).status());
    assertEquals(401, assertThrows(ApiException.class, () -> auth.check("app1", KEY)).status());
    assertEquals(401, assertThrows(ApiException.class, () -> auth.check("app1", null)).status());
  }

  @Test
  void minutesHaveTwoDecimals() {
    assertEquals("23.00", Figures.minutes(1380).toPlainString());
    assertEquals("0.02", Figures.minutes(1).toPlainString());
    assertEquals("1.52", Figures.minutes(91).toPlainString());
  }
}
