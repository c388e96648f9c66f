package io.callpulse.jobs.functions;

import java.util.HashMap;
import java.util.Map;

/**
 * The user logs of recently flushed channels, on the heap in front of the channel operator's
 * RocksDB map of them. A flush reads every user of its channel, and an event reads one: from
 * RocksDB that was an iteration with a deserialization per user at each flush, plus a lookup per
 * event (the iteration alone was 6-14 % of the job's CPU in two profiles of the pipeline bench).
 *
 * <p>Write-through, so an entry always equals the state: only a flush, which has just read the
 * whole map, adds a channel; every change the operator makes to the state it also makes here while
 * the channel is cached. Nothing here is checkpointed: a restored operator starts empty and reads
 * RocksDB until its channels' next flushes. {@link UserLog}s are immutable, so entries share them
 * with the state's readers.
 *
 * <p>Bounded by the events it holds: a channel is admitted only while there is room for it, and
 * leaves when it closes or outgrows the room. No eviction: flushes visit the live channels in turn,
 * so a least-recently-used cache smaller than the live set would have replaced each channel just
 * before its next flush and hardly ever hit (in the pipeline bench's replay a 200,000-event LRU
 * left two thirds of the flushes' reads to RocksDB); kept, its first channels hit until they close.
 */
final class UserLogCache {
  private final long maxEvents;
  private final Map<String, Channel> channels = new HashMap<>();
  private long events;

  /** One cached channel: its users' logs and how many events they hold. */
  private static final class Channel {
    final Map<Long, UserLog> users;
    long events;

    Channel(Map<Long, UserLog> users, long events) {
      this.users = users;
      this.events = events;
    }
  }

  UserLogCache(long maxEvents) {
    this.maxEvents = maxEvents;
  }

  /** The channel's users by uid, or null when the channel is not cached. Do not modify. */
  Map<Long, UserLog> users(String channel) {
    Channel cached = channels.get(channel);
    return cached == null ? null : cached.users;
  }

  /**
   * Caches a channel's users as just read from the state, if they fit. The cache takes {@code
   * users} over: the caller must not change it afterwards.
   */
  void cache(String channel, Map<Long, UserLog> users) {
    forget(channel);
    long size = 0;
    for (UserLog log : users.values()) {
      size += log.events().length;
    }
    if (events + size <= maxEvents) {
      channels.put(channel, new Channel(users, size));
      events += size;
    }
  }

  /** The state now holds {@code log} for the user: so does a cached channel. */
  void put(String channel, long uid, UserLog log) {
    Channel cached = channels.get(channel);
    if (cached == null) {
      return;
    }
    UserLog before = cached.users.put(uid, log);
    long delta = log.events().length - (before == null ? 0 : before.events().length);
    cached.events += delta;
    events += delta;
    if (events > maxEvents) {
      forget(channel); // outgrew the room: the state still has every event
    }
  }

  /** The state no longer holds the user: neither does a cached channel. */
  void remove(String channel, long uid) {
    Channel cached = channels.get(channel);
    if (cached == null) {
      return;
    }
    UserLog before = cached.users.remove(uid);
    if (before != null) {
      cached.events -= before.events().length;
      events -= before.events().length;
    }
  }

  /** The channel's users left the state, or may differ from it: drop the entry. */
  void forget(String channel) {
    Channel removed = channels.remove(channel);
    if (removed != null) {
      events -= removed.events;
    }
  }

  /** Channels cached. */
  int channels() {
    return channels.size();
  }

  /** Events held by the cached channels. */
  long events() {
    return events;
  }
}
