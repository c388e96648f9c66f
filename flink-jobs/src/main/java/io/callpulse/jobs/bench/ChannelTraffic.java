package io.callpulse.jobs.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Realistic NCS traffic of many channels, in the order a gateway receives it. Each channel runs
 * epochs (101 → users → 102 → a pause → the next epoch); live channels (103-106) have one to three
 * hosts, a heavy-tailed audience and role switches (111/112), communication channels (107/108) two
 * to six users. Users rejoin, some switch device while still in (overlapping sessions, leave reason
 * 5), clientSeq grows per user from small or 13-digit starts. Delivery follows agora-ncs.md §3: a
 * transit delay with a slow tail (so a 102 can arrive before the last leave), resends with the same
 * noticeId, redundant copies with a new one, lost joins and leaves, plus a few Cloud Recording
 * notifications and console health checks.
 *
 * <p>Deterministic for a seed: {@link #spanSeconds} runs the same plan once to learn how much event
 * time a number of deliveries covers, so the real run can end just before now (the parser refuses
 * timestamps from the future, and raw rows have a TTL on received_at).
 */
final class ChannelTraffic {
  private static final double LIVE_SHARE = 0.4;
  private static final double LOST_RATE = 0.01;
  private static final double DUPLICATE_RATE = 0.02;
  private static final double REDUNDANT_RATE = 0.01;
  private static final double EXTRA_DESTROY_RATE = 0.1;
  private static final double REJOIN_RATE = 0.25;
  private static final double ROLE_SWITCH_RATE = 0.15;
  private static final double NEW_DEVICE_RATE = 0.03;
  private static final double ACCOUNT_RATE = 0.1;
  private static final double OTHER_PRODUCT_RATE = 0.03;
  private static final double HEALTH_CHECK_RATE = 0.002;
  private static final double SLOW_DELIVERY_RATE = 0.05;
  private static final HexFormat SID_HEX = HexFormat.of().withUpperCase();

  /** Weighted like a mobile-first app: Android, iOS, Web, Windows, macOS, Linux, other. */
  private static final int[] PLATFORMS = {
    1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 7, 7, 7, 7, 5, 5, 8, 6, 0
  };

  private static final int[] LINUX_CLIENT_TYPES = {10, 10, 3, 60, 68};
  private static final int[] LEAVE_REASONS = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 10, 5, 999, 0};

  private enum Mode {
    HOST,
    AUDIENCE,
    COMMUNICATION
  }

  private record Channel(int app, String name, boolean live) {}

  /** A delivery, or the moment a channel starts its next epoch ({@code wake}). */
  private record Scheduled(long atMs, long order, Delivery delivery, Channel wake)
      implements Comparable<Scheduled> {
    @Override
    public int compareTo(Scheduled other) {
      int byTime = Long.compare(atMs, other.atMs);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }
  }

  private record UserStep(
      long ts, int type, String sid, Integer platform, Integer reason, Long duration) {}

  private final SplittableRandom random;
  private final List<String> appIds;
  private final Map<String, String> noticePrefixes = new HashMap<>();
  private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
  private long order;
  private long noticeCounter;
  private long epochs;
  private long sessions;

  ChannelTraffic(long seed, List<String> appIds, int channels, long baseSecond) {
    this.random = new SplittableRandom(seed);
    this.appIds = List.copyOf(appIds);
    for (String app : appIds) {
      noticePrefixes.put(app, Long.toString(1_000_000_000L + random.nextLong(9_000_000_000L)));
    }
    for (int c = 0; c < channels; c++) {
      boolean live = random.nextDouble() < LIVE_SHARE;
      Channel channel =
          new Channel(c % appIds.size(), live ? String.format("live-%05d", c) : "room_" + c, live);
      // Channels start at staggered whole seconds, so no delivery is due before its wake-up.
      long wake = baseSecond + random.nextLong(1800);
      queue.add(new Scheduled(wake * 1000, order++, null, channel));
    }
  }

  /** Event time (seconds) that the first {@code deliveries} of this plan cover. */
  static long spanSeconds(long seed, List<String> appIds, int channels, long deliveries) {
    ChannelTraffic plan = new ChannelTraffic(seed, appIds, channels, 0);
    long last = 0;
    for (long i = 0; i < deliveries; i++) {
      last = plan.next().receivedAtMs();
    }
    return last / 1000 + 1;
  }

  Delivery next() {
    while (true) {
      Scheduled s = queue.remove();
      if (s.wake() == null) {
        return s.delivery();
      }
      planEpoch(s.wake(), s.atMs() / 1000);
    }
  }

  long epochsStarted() {
    return epochs;
  }

  long sessionsStarted() {
    return sessions;
  }

  private void planEpoch(Channel channel, long start) {
    epochs++;
    String app = appIds.get(channel.app());
    long length = 300 + (long) (Math.pow(random.nextDouble(), 2) * 5100);
    long end = start + length;
    deliver(NcsNotice.channelEvent(app, 101, channel.name(), start, null), false);
    int hosts = channel.live() ? 1 + random.nextInt(3) : 0;
    int users =
        channel.live()
            ? hosts + (int) (Math.pow(random.nextDouble(), 3) * 120)
            : 2 + random.nextInt(5);
    long lastLeave = start;
    long lastUid = -1;
    long previousLastUid = -1;
    for (int i = 0; i < users; i++) {
      long uid = 1 + random.nextLong(0xFFFF_FFFEL);
      Mode mode = !channel.live() ? Mode.COMMUNICATION : i < hosts ? Mode.HOST : Mode.AUDIENCE;
      // The first user opens the channel and stays to the end, as the creator usually does.
      long join = i == 0 ? start : start + random.nextLong(Math.max(1, length * 9 / 10));
      long leave = planUser(channel, app, uid, mode, join, end, i == 0, length);
      if (leave >= lastLeave) {
        previousLastUid = lastUid;
        lastLeave = leave;
        lastUid = uid;
      }
    }
    long destroy = lastLeave + random.nextInt(3);
    deliver(NcsNotice.channelEvent(app, 102, channel.name(), destroy, lastUid), false);
    if (previousLastUid >= 0 && random.nextDouble() < EXTRA_DESTROY_RATE) {
      deliver(NcsNotice.channelEvent(app, 102, channel.name(), destroy, previousLastUid), false);
    }
    if (random.nextDouble() < OTHER_PRODUCT_RATE) {
      recording(app, channel, 40, start + 5);
      recording(app, channel, 41, destroy);
    }
    if (random.nextDouble() < HEALTH_CHECK_RATE) {
      deliver(NcsNotice.consoleHealthCheck(app, start + random.nextLong(length)), false);
    }
    long pause = 60 + (long) (-Math.log(1 - random.nextDouble()) * 900);
    queue.add(new Scheduled((destroy + pause) * 1000, order++, null, channel));
  }

  /** Plans one user's sessions in an epoch; returns the ts of the user's last leave. */
  private long planUser(
      Channel channel,
      String app,
      long uid,
      Mode mode,
      long join,
      long end,
      boolean staysToEnd,
      long length) {
    List<UserStep> steps = new ArrayList<>();
    int platform = PLATFORMS[random.nextInt(PLATFORMS.length)];
    boolean host = mode != Mode.AUDIENCE;
    int rounds = random.nextDouble() < REJOIN_RATE ? 2 + random.nextInt(2) : 1;
    long t = join;
    long lastLeave = join;
    for (int r = 0; r < rounds && (r == 0 || t < end - 30); r++) {
      sessions++;
      long stay =
          staysToEnd
              ? end - t
              : Math.min(end - t, 30 + (long) (-Math.log(1 - random.nextDouble()) * length / 3));
      long leave = t + stay;
      String sid = sid();
      steps.add(new UserStep(t, joinType(mode, host), sid, platform, null, null));
      if (stay > 60 && random.nextDouble() < NEW_DEVICE_RATE) {
        // Joined again on another device while still in: the old one is forced off (reason 5).
        long second = t + stay / 2;
        int otherPlatform = PLATFORMS[random.nextInt(PLATFORMS.length)];
        String otherSid = sid();
        steps.add(new UserStep(second, joinType(mode, host), otherSid, otherPlatform, null, null));
        long forcedOff = second + 1 + random.nextInt(3);
        steps.add(new UserStep(forcedOff, leaveType(mode, host), sid, platform, 5, forcedOff - t));
        steps.add(
            new UserStep(
                leave, leaveType(mode, host), otherSid, otherPlatform, reason(), leave - second));
        platform = otherPlatform;
      } else {
        if (mode != Mode.COMMUNICATION && stay > 60 && random.nextDouble() < ROLE_SWITCH_RATE) {
          host = !host;
          steps.add(new UserStep(t + stay / 3, host ? 111 : 112, sid, null, null, null));
          if (random.nextBoolean()) {
            host = !host;
            steps.add(new UserStep(t + 2 * stay / 3, host ? 111 : 112, sid, null, null, null));
          }
        }
        steps.add(new UserStep(leave, leaveType(mode, host), sid, platform, reason(), stay));
      }
      lastLeave = leave;
      t = leave + 5 + random.nextInt(300);
    }
    steps.sort(
        Comparator.comparingLong(UserStep::ts)); // stable: same-second steps keep their order
    long clientSeq =
        random.nextBoolean()
            ? 1 + random.nextInt(1000)
            : 1_600_000_000_000L + random.nextLong(100_000_000_000L);
    String account = random.nextDouble() < ACCOUNT_RATE ? "u" + Long.toString(uid, 36) : null;
    for (UserStep step : steps) {
      clientSeq += 1 + random.nextInt(3);
      deliver(userNotice(app, channel, uid, mode, step, clientSeq, account), true);
    }
    return lastLeave;
  }

  private NcsNotice userNotice(
      String app,
      Channel channel,
      long uid,
      Mode mode,
      UserStep step,
      long clientSeq,
      String account) {
    boolean live = mode != Mode.COMMUNICATION;
    Integer clientType =
        live && step.platform() != null && step.platform() == 6
            ? LINUX_CLIENT_TYPES[random.nextInt(LINUX_CLIENT_TYPES.length)]
            : null;
    return NcsNotice.userEvent(
        app,
        step.type(),
        step.sid(),
        channel.name(),
        uid,
        step.platform(),
        clientType,
        clientSeq,
        step.reason(),
        step.ts(),
        step.duration(),
        live ? account : null);
  }

  private void recording(String app, Channel channel, int eventType, long ts) {
    deliver(
        NcsNotice.cloudRecording(
            app,
            eventType,
            "S" + (1_000_000 + random.nextInt(9_000_000)),
            channel.name(),
            100_000L + random.nextInt(900_000),
            ts),
        false);
  }

  /** Schedules the copies of a notification that reach the gateway, if any. */
  private void deliver(NcsNotice notice, boolean losable) {
    if (losable && random.nextDouble() < LOST_RATE) {
      return; // all retries failed
    }
    String noticeId = noticeId(notice.appId(), notice.eventType());
    long transit =
        random.nextDouble() < SLOW_DELIVERY_RATE
            ? 2_000 + random.nextInt(13_000)
            : 30 + random.nextInt(400);
    long at = notice.ts() * 1000 + random.nextInt(1000) + transit;
    schedule(notice, noticeId, at);
    if (random.nextDouble() < DUPLICATE_RATE) {
      schedule(notice, noticeId, at + 5_000 + random.nextInt(55_000)); // a resend: same noticeId
    }
    if (random.nextDouble() < REDUNDANT_RATE) {
      // A redundant copy: the same notification under a new noticeId.
      schedule(notice, noticeId(notice.appId(), notice.eventType()), at + random.nextInt(2_000));
    }
  }

  private void schedule(NcsNotice notice, String noticeId, long receivedAtMs) {
    long notifyMs = Math.max(notice.ts() * 1000, receivedAtMs - 5 - random.nextInt(150));
    queue.add(
        new Scheduled(
            receivedAtMs, order++, new Delivery(notice, noticeId, notifyMs, receivedAtMs), null));
  }

  private String noticeId(String app, int eventType) {
    return noticePrefixes.get(app) + ":" + (++noticeCounter) + ":" + eventType;
  }

  private String sid() {
    return SID_HEX.toHexDigits(random.nextLong()) + SID_HEX.toHexDigits(random.nextLong());
  }

  private int reason() {
    return LEAVE_REASONS[random.nextInt(LEAVE_REASONS.length)];
  }

  private static int joinType(Mode mode, boolean host) {
    return mode == Mode.COMMUNICATION ? 107 : host ? 103 : 105;
  }

  private static int leaveType(Mode mode, boolean host) {
    return mode == Mode.COMMUNICATION ? 108 : host ? 104 : 106;
  }
}
