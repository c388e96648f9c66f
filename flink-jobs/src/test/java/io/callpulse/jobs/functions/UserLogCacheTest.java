package io.callpulse.jobs.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.callpulse.jobs.analytics.UserEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class UserLogCacheTest {
  /** A log of {@code events} joins at clientSeq 1..events. */
  private static UserLog log(int events) {
    return new UserLog(
        LongStream.rangeClosed(1, events)
            .mapToObj(seq -> new UserEvent(103, seq, 1_000 + seq, null, 1, 0, null, null, null))
            .toArray(UserEvent[]::new));
  }

  private static Map<Long, UserLog> users(int... eventsPerUser) {
    Map<Long, UserLog> users = new HashMap<>();
    for (int uid = 0; uid < eventsPerUser.length; uid++) {
      users.put((long) uid, log(eventsPerUser[uid]));
    }
    return users;
  }

  /** The logs' events (a record's array field compares by identity). */
  private static Map<Long, List<UserEvent>> contents(Map<Long, UserLog> users) {
    Map<Long, List<UserEvent>> contents = new HashMap<>();
    if (users == null) {
      return null;
    }
    users.forEach((uid, log) -> contents.put(uid, log.asList()));
    return contents;
  }

  @Test
  void aChannelIsCachedOnlyFromAWholeRead() {
    UserLogCache cache = new UserLogCache(100);
    cache.put("a/ch", 1L, log(2)); // one user's write says nothing about the others
    assertNull(cache.users("a/ch"));

    cache.cache("a/ch", users(2, 3));
    assertEquals(contents(users(2, 3)), contents(cache.users("a/ch")));
    assertEquals(5, cache.events());
  }

  @Test
  void writesReachACachedChannelAndKeepTheEventCount() {
    UserLogCache cache = new UserLogCache(100);
    cache.cache("a/ch", users(2, 3));

    cache.put("a/ch", 1L, log(4));
    cache.put("a/ch", 7L, log(1));
    cache.remove("a/ch", 0L);
    cache.remove("a/ch", 99L); // not there: nothing changes

    assertEquals(contents(Map.of(1L, log(4), 7L, log(1))), contents(cache.users("a/ch")));
    assertEquals(5, cache.events());
    cache.forget("a/ch");
    assertNull(cache.users("a/ch"));
    assertEquals(0, cache.events());
  }

  @Test
  void aFullCacheAdmitsNoMoreChannelsAndOneThatOutgrowsItLeaves() {
    UserLogCache cache = new UserLogCache(10);
    cache.cache("a/one", users(4));
    cache.cache("a/two", users(4));
    cache.cache("a/three", users(4)); // no room: the first two stay

    assertNull(cache.users("a/three"));
    assertEquals(2, cache.channels());
    assertEquals(8, cache.events());

    cache.put("a/one", 5L, log(3)); // 11 events: "one" leaves, "two" stays
    assertNull(cache.users("a/one"));
    assertEquals(contents(users(4)), contents(cache.users("a/two")));
    assertEquals(4, cache.events());

    cache.cache("a/three", users(4)); // room again
    assertEquals(8, cache.events());
  }

  @Test
  void aChannelBiggerThanTheBoundIsNotKept() {
    UserLogCache cache = new UserLogCache(10);
    cache.cache("a/small", users(3));
    cache.cache("a/big", users(6, 6));

    assertNull(cache.users("a/big"));
    assertEquals(contents(users(3)), contents(cache.users("a/small")));
    assertEquals(3, cache.events());
  }
}
