package io.callpulse.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TabSeparatedTest {

  @Test
  void readsRowsFieldsAndNull() {
    List<List<String>> rows = TabSeparated.parse("1\ta\n2\t\\N\n");

    assertEquals(List.of(List.of("1", "a"), Arrays.asList("2", null)), rows);
  }

  @Test
  void unescapesSpecialCharacters() {
    List<List<String>> rows = TabSeparated.parse("a\\tb\\nc\\\\d\\'e\n");

    assertEquals("a\tb\nc\\d'e", rows.get(0).get(0));
  }

  @Test
  void keepsEmptyFieldsAndEmptyResults() {
    assertEquals(List.of(List.of("", "x", "")), TabSeparated.parse("\tx\t\n"));
    assertEquals(List.of(), TabSeparated.parse(""));
  }
}
