package io.callpulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryApiConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void readsTheFileAndLetsTheEnvironmentWin() throws Exception {
    Path file = dir.resolve("api.yaml");
    Files.writeString(
        file,
        "port: 9000\nclickhouse: {url: 'http://db:8123', user: reader}\n"
            + "apiKeys: {app1: ['file-key-0123456789']}\n");
    QueryApiConfig config =
        QueryApiConfigLoader.load(
            file,
            Map.of(
                "CALLPULSE_API_PORT", "9100",
                "CALLPULSE_CLICKHOUSE_PASSWORD", "s3cret",
                "CALLPULSE_API_KEYS_app2", "env-key-0123456789a, env-key-0123456789b"));
    assertEquals(9100, config.port());
    assertEquals("http://db:8123", config.clickHouseUrl());
    assertEquals("reader", config.user());
    assertEquals("s3cret", config.password());
    assertEquals(List.of("file-key-0123456789"), config.apiKeys().get("app1"));
    assertEquals(
        List.of("env-key-0123456789a", "env-key-0123456789b"), config.apiKeys().get("app2"));
    assertFalse(config.toString().contains("s3cret"), "the password must never be printed");
  }

  @Test
  void refusesShortApiKeys() {
    assertThrows(
        IllegalArgumentException.class,
        () -> QueryApiConfigLoader.load(null, Map.of("CALLPULSE_API_KEYS_app", "short")));
  }
}
