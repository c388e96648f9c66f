package io.callpulse.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {

  @Test
  void fillsEveryOccurrence() {
    String filled =
        Templates.fill("a=@PORT@ b=@PORT@ c=@DIR@", Map.of("PORT", "9", "DIR", "/d"), "t");

    assertEquals("a=9 b=9 c=/d", filled);
  }

  @Test
  void ignoresPlaceholderWordsInComments() {
    String filled =
        Templates.fill(
            "# fill @PLACEHOLDERS@\n<!-- @ALSO@ -->\nport=@PORT@", Map.of("PORT", "9"), "t");

    assertTrue(filled.endsWith("port=9"), filled);
  }

  @Test
  void refusesAPlaceholderLeftOver() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Templates.fill("x=@PORT@ y=@NEW_ONE@", Map.of("PORT", "9"), "server.properties"));

    assertTrue(e.getMessage().contains("@NEW_ONE@"), e.getMessage());
  }
}
