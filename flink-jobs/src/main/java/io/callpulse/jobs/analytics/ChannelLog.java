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
 *
 * @param cuts the 101s of epochs already finalized and dropped from the state: they no longer
 *     anchor an epoch but still separate the epochs around them, so dropping an epoch's events
 *     cannot merge the epochs before and after it
 */
public record ChannelLog(
    SortedSet<Long> creates,
    SortedSet<Long> destroys,
    SortedMap<Long, List<UserEvent>> users,
    SortedSet<Long> cuts) {

  public ChannelLog {
    creates = new TreeSet<>(creates);
    destroys = new TreeSet<>(destroys);
    users = new TreeMap<>(users);
    cuts = new TreeSet<>(cuts);
  }

  public ChannelLog(
      SortedSet<Long> creates, SortedSet<Long> destroys, SortedMap<Long, List<UserEvent>> users) {
    this(creates, destroys, users, new TreeSet<>());
  }

  public static ChannelLog of(
      Iterable<Long> creates, Iterable<Long> destroys, Map<Long, List<UserEvent>> users) {
    TreeSet<Long> c = new TreeSet<>();
    creates.forEach(c::add);
    TreeSet<Long> d = new TreeSet<>();
    destroys.forEach(d::add);
    return new ChannelLog(c, d, new TreeMap<>(users));
  }

  /** How many events it holds: 101s, 102s and user events. */
  public int size() {
    int size = creates.size() + destroys.size();
    for (List<UserEvent> events : users.values()) {
      size += events.size();
    }
    return size;
  }

  public boolean isEmpty() {
    return creates.isEmpty() && destroys.isEmpty() && users.isEmpty();
  }
}
