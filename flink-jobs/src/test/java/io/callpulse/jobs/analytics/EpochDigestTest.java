package io.callpulse.jobs.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The operator skips epochs whose digest did not move, so a field the digest missed would freeze
 * that epoch's rows: every field of ChannelEpoch and UserEvent must move it.
 */
class EpochDigestTest {
  private static final UserEvent JOIN =
      new UserEvent(103, 1, 1000, null, 1, 3, null, "alice", "sid-1");
  private static final UserEvent LEAVE =
      new UserEvent(104, 2, 1060, 60L, 1, 3, 1, "alice", "sid-1");

  private static ChannelEpoch epoch(Map<Long, List<UserEvent>> events) {
    return new ChannelEpoch("1000", 1000L, 1100L, 1000, 1060, events, List.of(1100L));
  }

  private static Map<Long, List<UserEvent>> users(UserEvent... first) {
    Map<Long, List<UserEvent>> events = new LinkedHashMap<>();
    events.put(7L, List.of(first));
    events.put(8L, List.of(JOIN));
    return events;
  }

  @Test
  void equalEpochsHaveEqualDigestsWhateverTheUserOrder() {
    Map<Long, List<UserEvent>> reversed = new LinkedHashMap<>();
    reversed.put(8L, List.of(JOIN));
    reversed.put(7L, List.of(JOIN, LEAVE));
    assertEquals(
        EpochDigest.of(epoch(users(JOIN, LEAVE)), "destroy"),
        EpochDigest.of(epoch(reversed), "destroy"));
  }

  @Test
  void everyEpochFieldAndTheClosingMoveTheDigest() {
    ChannelEpoch base = epoch(users(JOIN, LEAVE));
    List<ChannelEpoch> variants =
        List.of(
            new ChannelEpoch("1001", 1000L, 1100L, 1000, 1060, base.events(), List.of(1100L)),
            new ChannelEpoch("1000", null, 1100L, 1000, 1060, base.events(), List.of(1100L)),
            new ChannelEpoch("1000", 1000L, null, 1000, 1060, base.events(), List.of(1100L)),
            new ChannelEpoch("1000", 1000L, 1100L, 999, 1060, base.events(), List.of(1100L)),
            new ChannelEpoch("1000", 1000L, 1100L, 1000, 1061, base.events(), List.of(1100L)),
            new ChannelEpoch("1000", 1000L, 1100L, 1000, 1060, users(JOIN), List.of(1100L)),
            new ChannelEpoch("1000", 1000L, 1100L, 1000, 1060, base.events(), List.of(1101L)));
    assertEquals(
        ChannelEpoch.class.getRecordComponents().length,
        variants.size(),
        "a new ChannelEpoch field needs a variant here and a line in EpochDigest");
    Set<Long> digests = new HashSet<>();
    digests.add(EpochDigest.of(base, "destroy"));
    digests.add(EpochDigest.of(base, "inactivity"));
    variants.forEach(v -> digests.add(EpochDigest.of(v, "destroy")));
    assertEquals(variants.size() + 2, digests.size());
  }

  @Test
  void everyUserEventFieldMovesTheDigest() {
    List<UnaryOperator<UserEvent>> changes = new ArrayList<>();
    changes.add(e -> new UserEvent(105, 2, 1060, 60L, 1, 3, 1, "alice", "sid-1"));
    changes.add(e -> new UserEvent(104, 3, 1060, 60L, 1, 3, 1, "alice", "sid-1"));
    changes.add(e -> new UserEvent(104, 2, 1061, 60L, 1, 3, 1, "alice", "sid-1"));
    changes.add(e -> new UserEvent(104, 2, 1060, null, 1, 3, 1, "alice", "sid-1"));
    changes.add(e -> new UserEvent(104, 2, 1060, 60L, 2, 3, 1, "alice", "sid-1"));
    changes.add(e -> new UserEvent(104, 2, 1060, 60L, 1, 4, 1, "alice", "sid-1"));
    changes.add(e -> new UserEvent(104, 2, 1060, 60L, 1, 3, 2, "alice", "sid-1"));
    // "Aa" and "BB" share String.hashCode: the digest must still tell them apart.
    changes.add(e -> new UserEvent(104, 2, 1060, 60L, 1, 3, 1, "Aa", "sid-1"));
    changes.add(e -> new UserEvent(104, 2, 1060, 60L, 1, 3, 1, "alice", "sid-2"));
    assertEquals(UserEvent.class.getRecordComponents().length, changes.size());
    Set<Long> digests = new HashSet<>();
    digests.add(EpochDigest.of(epoch(users(JOIN, LEAVE)), "destroy"));
    for (UnaryOperator<UserEvent> change : changes) {
      digests.add(EpochDigest.of(epoch(users(JOIN, change.apply(LEAVE))), "destroy"));
    }
    assertEquals(changes.size() + 1, digests.size());
    assertNotEquals(
        EpochDigest.of(
            epoch(users(JOIN, new UserEvent(104, 2, 1060, 60L, 1, 3, 1, "Aa", "s"))), "x"),
        EpochDigest.of(
            epoch(users(JOIN, new UserEvent(104, 2, 1060, 60L, 1, 3, 1, "BB", "s"))), "x"));
  }
}
