package io.callpulse.jobs.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.callpulse.jobs.analytics.UserEvent;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The state format of a user's events: every field and every absent-field combination survives. */
class UserLogSerializerTest {
  private final TypeSerializer<UserLog> serializer =
      TypeInformation.of(UserLog.class).createSerializer(new SerializerConfigImpl());

  @Test
  void flinkPicksTheCompactSerializerForUserLog() {
    assertSame(UserLogSerializer.INSTANCE, serializer);
  }

  @Test
  void everyEventRoundTripsWhicheverOptionalFieldsItHas() throws Exception {
    Random random = new Random(11);
    for (int round = 0; round < 500; round++) {
      UserEvent[] events = new UserEvent[random.nextInt(6)];
      for (int i = 0; i < events.length; i++) {
        events[i] =
            new UserEvent(
                103 + random.nextInt(10),
                random.nextLong(), // clientSeq is unsigned 64-bit: any bit pattern
                random.nextLong(),
                random.nextBoolean() ? random.nextLong() : null,
                random.nextBoolean() ? random.nextInt() : null,
                random.nextBoolean() ? random.nextInt() : null,
                random.nextBoolean() ? random.nextInt() : null,
                random.nextBoolean() ? "acc-" + random.nextInt() + "-é" : null,
                random.nextBoolean() ? "sid-" + random.nextInt() : null);
      }
      DataOutputSerializer out = new DataOutputSerializer(64);
      serializer.serialize(new UserLog(events), out);
      DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
      assertArrayEquals(events, serializer.deserialize(in).events());
      assertEquals(0, in.available());
    }
  }

  @Test
  void theSnapshotRestoresTheSameSerializer() {
    assertSame(UserLogSerializer.INSTANCE, serializer.snapshotConfiguration().restoreSerializer());
  }
}
