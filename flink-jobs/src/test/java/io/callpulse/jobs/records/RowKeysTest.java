package io.callpulse.jobs.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The operator re-emits a row only when its content hash moved: every field but the version must
 * move it, for every table's row type, or an update would be silently lost.
 */
class RowKeysTest {
  @ParameterizedTest
  @ValueSource(
      classes = {
        ChannelEpochRow.class,
        UserSessionRow.class,
        ConcurrencyStepRow.class,
        ConcurrencyMinuteRow.class,
        DailyChannelUsageRow.class,
        DailyUserUsageRow.class
      })
  void everyFieldButTheVersionMovesTheContentHash(Class<?> type) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Constructor<?> constructor =
        type.getDeclaredConstructor(
            Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
    Object[] base = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      base[i] = sample(components[i].getType(), 0);
    }
    long baseHash = RowKeys.contentHash((VersionedRow) constructor.newInstance(base));
    for (int i = 0; i < components.length; i++) {
      Object[] changed = base.clone();
      changed[i] = sample(components[i].getType(), 1);
      long hash = RowKeys.contentHash((VersionedRow) constructor.newInstance(changed));
      if (components[i].getName().equals("version")) {
        assertEquals(baseHash, hash, "the version must not count as content");
      } else {
        assertNotEquals(baseHash, hash, type.getSimpleName() + "." + components[i].getName());
      }
    }
  }

  private static Object sample(Class<?> type, int variant) {
    if (type == String.class) {
      return List.of("a", "b").get(variant);
    }
    if (type == long.class || type == Long.class) {
      return 10L + variant;
    }
    if (type == int.class || type == Integer.class) {
      return 10 + variant;
    }
    if (type == boolean.class || type == Boolean.class) {
      return variant == 1;
    }
    if (type == double.class || type == Double.class) {
      return 0.5 + variant;
    }
    if (type == int[].class) {
      return variant == 0 ? new int[] {1} : new int[] {1, 2};
    }
    if (type == long[].class) {
      return variant == 0 ? new long[] {1} : new long[] {1, 2};
    }
    if (type.isArray() && type.getComponentType() == String.class) {
      return variant == 0 ? new String[] {"x"} : new String[] {"x", "y"};
    }
    throw new IllegalArgumentException("no sample for " + type);
  }
}
