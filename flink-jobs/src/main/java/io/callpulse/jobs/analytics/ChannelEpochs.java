package io.callpulse.jobs.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Rule 7 of agora-ncs.md §4: splits a channel's events into epochs (101 → 102), as a pure function
 * of the event set.
 *
 * <p>Each 101 anchors an epoch; events are placed by their ts between consecutive 101s, then walked
 * in time order like a session window: an event more than {@code inactivityGapSeconds} after the
 * epoch's last evidence, or after its 102, starts a provisional epoch. A leave counts as evidence
 * from {@code ts - duration}, so one long call without events in between stays one epoch. 102s less
 * than {@link #DESTROY_CLUSTER_SECONDS} apart are one destroy (the latest).
 *
 * <p>Approximation (README "Approximations"): when a leave is lost, the channel looks idle after
 * the join, so a gap longer than the inactivity gap splits the epoch; keep the gap generous.
 */
public final class ChannelEpochs {
  public static final long DESTROY_CLUSTER_SECONDS = 2;

  private ChannelEpochs() {}

  public static List<ChannelEpoch> assign(ChannelLog log, long inactivityGapSeconds) {
    // Region boundaries: every 101, including those of finalized epochs (cuts), which start a
    // region without anchoring an epoch.
    TreeSet<Long> bounds = new TreeSet<>(log.creates());
    bounds.addAll(log.cuts());
    long[] creates = bounds.stream().mapToLong(Long::longValue).toArray();
    List<List<Long>> destroys = clusterDestroys(new ArrayList<>(log.destroys()));
    List<List<Item>> regions = new ArrayList<>();
    for (int i = 0; i <= creates.length; i++) {
      regions.add(new ArrayList<>());
    }
    for (Map.Entry<Long, List<UserEvent>> user : log.users().entrySet()) {
      long uid = user.getKey();
      for (UserEvent event : user.getValue()) {
        // A leave at the second of the next 101 still belongs to the epoch it leaves.
        int region = regionOf(creates, event.ts(), event.type().isLeave());
        long regionStart = region == 0 ? Long.MIN_VALUE : creates[region - 1];
        regions.get(region).add(new Item(uid, event, Math.max(regionStart, event.evidenceStart())));
      }
    }
    List<List<List<Long>>> regionDestroys = new ArrayList<>();
    for (int i = 0; i <= creates.length; i++) {
      regionDestroys.add(new ArrayList<>());
    }
    for (List<Long> cluster : destroys) {
      regionDestroys.get(regionOf(creates, cluster.get(cluster.size() - 1), true)).add(cluster);
    }
    List<ChannelEpoch> epochs = new ArrayList<>();
    for (int r = 0; r <= creates.length; r++) {
      Long create = r == 0 ? null : creates[r - 1];
      boolean anchored = create != null && log.creates().contains(create);
      walk(create, anchored, regions.get(r), regionDestroys.get(r), inactivityGapSeconds, epochs);
    }
    return epochs;
  }

  /**
   * Region 0 lies before the first 101; region i starts at the i-th 101: the number of 101s before
   * {@code ts} (strict) or at or before it.
   */
  private static int regionOf(long[] creates, long ts, boolean strict) {
    int low = 0;
    int high = creates.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (strict ? creates[mid] < ts : creates[mid] <= ts) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static List<List<Long>> clusterDestroys(List<Long> sorted) {
    List<List<Long>> clusters = new ArrayList<>();
    for (Long ts : sorted) {
      List<Long> last = clusters.isEmpty() ? null : clusters.get(clusters.size() - 1);
      if (last != null && ts - last.get(last.size() - 1) <= DESTROY_CLUSTER_SECONDS) {
        last.add(ts);
      } else {
        clusters.add(new ArrayList<>(List.of(ts)));
      }
    }
    return clusters;
  }

  private static void walk(
      Long create,
      boolean anchored,
      List<Item> items,
      List<List<Long>> destroys,
      long gap,
      List<ChannelEpoch> out) {
    items.sort(ITEM_ORDER);
    Builder current = anchored ? Builder.anchored(create) : null;
    int d = 0;
    for (Item item : items) {
      long position = item.position;
      while (d < destroys.size() && destroyPosition(destroys.get(d)) < position) {
        current = destroy(current, destroys.get(d++), gap);
      }
      if (current == null || !current.accepts(position, gap)) {
        if (current != null) {
          out.add(current.build());
        }
        current = Builder.provisional(position);
      }
      current.add(item);
    }
    while (d < destroys.size()) {
      current = destroy(current, destroys.get(d++), gap);
    }
    if (current != null) {
      out.add(current.build());
    }
  }

  private static long destroyPosition(List<Long> cluster) {
    return cluster.get(cluster.size() - 1);
  }

  private static Builder destroy(Builder current, List<Long> cluster, long gap) {
    long ts = destroyPosition(cluster);
    if (current != null && current.destroyTs == null && ts <= current.lastActivity + gap) {
      current.destroyTs = ts;
      current.destroysUsed.addAll(cluster);
      current.lastActivity = Math.max(current.lastActivity, ts);
    }
    // Otherwise an orphan 102 (its epoch already closed or never seen): nothing to close.
    return current;
  }

  /**
   * @param position where the event's evidence starts, not before its region's 101
   */
  private record Item(long uid, UserEvent event, long position) {}

  private static final Comparator<Item> ITEM_ORDER =
      (a, b) -> {
        int byPosition = Long.compare(a.position, b.position);
        return byPosition != 0 ? byPosition : Long.compare(a.event.ts(), b.event.ts());
      };

  private static final class Builder {
    final Long createTs;
    final long start;
    Long destroyTs;
    long firstActivity;
    long lastActivity;
    final Map<Long, List<UserEvent>> events = new TreeMap<>();
    final List<Long> destroysUsed = new ArrayList<>();

    private Builder(Long createTs, long start) {
      this.createTs = createTs;
      this.start = start;
      this.firstActivity = start;
      this.lastActivity = start;
    }

    static Builder anchored(long create) {
      return new Builder(create, create);
    }

    static Builder provisional(long start) {
      return new Builder(null, start);
    }

    boolean accepts(long position, long gap) {
      return destroyTs != null ? position <= destroyTs : position <= lastActivity + gap;
    }

    void add(Item item) {
      events.computeIfAbsent(item.uid, k -> new ArrayList<>()).add(item.event);
      firstActivity = Math.min(firstActivity, item.event.evidenceStart());
      lastActivity = Math.max(lastActivity, item.event.ts());
    }

    ChannelEpoch build() {
      return new ChannelEpoch(
          Long.toString(start),
          createTs,
          destroyTs,
          firstActivity,
          lastActivity,
          events,
          List.copyOf(destroysUsed));
    }
  }
}
