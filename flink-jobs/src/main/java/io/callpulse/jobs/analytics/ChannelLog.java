package io.callpulse.jobs.analytics;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The deduplicated events of one channel, the input of every figure: {@code ts} of its 101s and
 * 102s and each user's events.
 */
public record ChannelLog(
    SortedSet<Long> creates, SortedSet<Long> destroys, SortedMap<Long, List<UserEvent>> users) {

  public ChannelLog {
    creates = new TreeSet<>(creates);
    destroys = new TreeSet<>(destroys);
    users = new TreeMap<>(users);
  }

  public static ChannelLog of(
      Iterable<Long> creates, Iterable<Long> destroys, Map<Long, List<UserEvent>> users) {
    TreeSet<Long> c = new TreeSet<>();
    creates.forEach(c::add);
    TreeSet<Long> d = new TreeSet<>();
    destroys.forEach(d::add);
    return new ChannelLog(c, d, new TreeMap<>(users));
  }

  public boolean isEmpty() {
    return creates.isEmpty() && destroys.isEmpty() && users.isEmpty();
  }
}
