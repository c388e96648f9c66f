package io.callpulse.jobs.analytics;

import java.util.List;
import java.util.Map;

/**
 * A 64-bit digest of everything {@link ChannelComputation#compute(ChannelEpoch, String,
 * java.time.ZoneId)} reads: every field of the {@link ChannelEpoch} and how it is closed. Equal
 * digests mean equal figures, so the operator re-derives and re-hashes the rows of an epoch only
 * when its digest moved: a long channel costs per flush what its changed epochs cost, not its whole
 * history. A field added to ChannelEpoch must be added here (EpochDigestTest checks each one).
 */
public final class EpochDigest {
  private static final long SEED = 0x9e3779b97f4a7c15L;

  private EpochDigest() {}

  public static long of(ChannelEpoch epoch, String closedBy) {
    long h = SEED;
    h = mix(h, text(epoch.epochId()));
    h = mix(h, epoch.createTs() == null ? Long.MIN_VALUE : epoch.createTs());
    h = mix(h, epoch.destroyTs() == null ? Long.MIN_VALUE : epoch.destroyTs());
    h = mix(h, epoch.firstActivity());
    h = mix(h, epoch.lastActivity());
    h = mix(h, text(closedBy));
    h = mix(h, epoch.destroysUsed().size());
    for (Long destroy : epoch.destroysUsed()) {
      h = mix(h, destroy);
    }
    // The map's iteration order is not part of the content: users are combined commutatively.
    long users = 0;
    for (Map.Entry<Long, List<UserEvent>> user : epoch.events().entrySet()) {
      users += finish(userDigest(user.getKey(), user.getValue()));
    }
    h = mix(h, epoch.events().size());
    return finish(mix(h, users));
  }

  private static long userDigest(long uid, List<UserEvent> events) {
    long h = mix(SEED, uid);
    h = mix(h, events.size());
    for (UserEvent e : events) {
      h = mix(h, e.eventType());
      h = mix(h, e.clientSeq());
      h = mix(h, e.ts());
      h = mix(h, e.duration() == null ? Long.MIN_VALUE : e.duration());
      h = mix(h, e.platform() == null ? Long.MIN_VALUE : e.platform());
      h = mix(h, e.clientType() == null ? Long.MIN_VALUE : e.clientType());
      h = mix(h, e.reason() == null ? Long.MIN_VALUE : e.reason());
      h = mix(h, text(e.account()));
      h = mix(h, text(e.sid()));
    }
    return h;
  }

  /** 64 bits over every char (String.hashCode's 32 would make colliding texts likely). */
  private static long text(String value) {
    if (value == null) {
      return Long.MIN_VALUE;
    }
    long h = mix(SEED, value.length());
    for (int i = 0; i < value.length(); i++) {
      h = mix(h, value.charAt(i));
    }
    return h;
  }

  private static long mix(long h, long value) {
    return (h ^ finish(value)) * 0xff51afd7ed558ccdL + SEED;
  }

  /** MurmurHash3's 64-bit finalizer: every input bit moves every output bit. */
  private static long finish(long value) {
    long z = value;
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
