package io.callpulse.jobs.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Live traffic for the latency probe: communication-mode channels of one app where users join (107)
 * and leave (108) now, each notification a marker whose arrival in ClickHouse is timed. Every
 * channel starts with its 101; each user leaves with the duration since its join.
 */
final class MarkerTraffic {
  static final int JOIN = 107;
  private static final int USERS_PER_CHANNEL = 6;
  private static final HexFormat SID_HEX = HexFormat.of().withUpperCase();

  private record Present(long uid, long joinTs, long clientSeq, int platform, String sid) {}

  private final String appId;
  private final SplittableRandom random = new SplittableRandom();
  private final List<Deque<Present>> channels = new ArrayList<>();
  private final String noticePrefix;
  private long counter;

  MarkerTraffic(String appId, int channelCount) {
    this.appId = appId;
    this.noticePrefix = Long.toString(1_000_000_000L + random.nextLong(9_000_000_000L));
    for (int i = 0; i < channelCount; i++) {
      channels.add(null); // not created yet
    }
  }

  /** The next notification, stamped {@code nowMs}. */
  Delivery next(long nowMs) {
    long ts = nowMs / 1000;
    int c = (int) (counter % channels.size());
    String channel = "bench-marker-" + c;
    Deque<Present> present = channels.get(c);
    NcsNotice notice;
    if (present == null) {
      channels.set(c, new ArrayDeque<>());
      notice = NcsNotice.channelEvent(appId, 101, channel, ts, null);
    } else if (present.size() < USERS_PER_CHANNEL) {
      Present user =
          new Present(
              1 + random.nextLong(0xFFFF_FFFEL),
              ts,
              1 + random.nextInt(1000),
              1 + random.nextInt(8),
              SID_HEX.toHexDigits(random.nextLong()) + SID_HEX.toHexDigits(random.nextLong()));
      present.addLast(user);
      notice = userEvent(JOIN, channel, user, user.clientSeq(), null, null, ts);
    } else {
      Present user = present.removeFirst();
      notice = userEvent(108, channel, user, user.clientSeq() + 1, 1, ts - user.joinTs(), ts);
    }
    return new Delivery(notice, noticeId(notice.eventType()), nowMs, nowMs);
  }

  private NcsNotice userEvent(
      int type,
      String channel,
      Present user,
      long clientSeq,
      Integer reason,
      Long duration,
      long ts) {
    return NcsNotice.userEvent(
        appId,
        type,
        user.sid(),
        channel,
        user.uid(),
        user.platform(),
        null,
        clientSeq,
        reason,
        ts,
        duration,
        null);
  }

  private String noticeId(int type) {
    return noticePrefix + ":" + (++counter) + ":" + type;
  }
}
