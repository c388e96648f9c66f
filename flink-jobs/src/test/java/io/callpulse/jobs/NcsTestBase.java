package io.callpulse.jobs;

import io.callpulse.jobs.analytics.ChannelLog;
import io.callpulse.jobs.analytics.UserEvent;
import io.callpulse.model.NcsEvent;
import io.callpulse.model.RtcEventType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Named fixtures so a test reads like its scenario: {@code hostJoins(7).at(T0)}, {@code
 * hostLeaves(7).at(T0 + 60).after(60)}. Each user's clientSeq grows in the order the test builds
 * its events, as Agora's does in real time order.
 */
public abstract class NcsTestBase {
  public static final String APP = "app-1";
  public static final String CHANNEL = "room-1";

  /** 2023-11-14T22:13:20Z. */
  public static final long T0 = 1_700_000_000L;

  public static final long ONE_MINUTE = 60;
  public static final long ONE_HOUR = 3600;
  public static final long ONE_DAY = 86_400;

  private final Map<Long, AtomicLong> sequences = new HashMap<>();
  private final AtomicLong notices = new AtomicLong();

  protected EventBuilder hostJoins(long uid) {
    return user(RtcEventType.BROADCASTER_JOINED, uid);
  }

  protected EventBuilder hostLeaves(long uid) {
    return user(RtcEventType.BROADCASTER_LEFT, uid);
  }

  protected EventBuilder audienceJoins(long uid) {
    return user(RtcEventType.AUDIENCE_JOINED, uid);
  }

  protected EventBuilder audienceLeaves(long uid) {
    return user(RtcEventType.AUDIENCE_LEFT, uid);
  }

  protected EventBuilder userJoins(long uid) {
    return user(RtcEventType.COMMUNICATION_JOINED, uid);
  }

  protected EventBuilder userLeaves(long uid) {
    return user(RtcEventType.COMMUNICATION_LEFT, uid);
  }

  protected EventBuilder becomesHost(long uid) {
    return user(RtcEventType.ROLE_TO_BROADCASTER, uid);
  }

  protected EventBuilder becomesAudience(long uid) {
    return user(RtcEventType.ROLE_TO_AUDIENCE, uid);
  }

  protected EventBuilder channelCreated() {
    return new EventBuilder(RtcEventType.CHANNEL_CREATED, null, null);
  }

  protected EventBuilder channelDestroyed() {
    return new EventBuilder(RtcEventType.CHANNEL_DESTROYED, null, null);
  }

  private EventBuilder user(RtcEventType type, long uid) {
    long seq = sequences.computeIfAbsent(uid, k -> new AtomicLong(1000)).incrementAndGet();
    return new EventBuilder(type, uid, seq);
  }

  /** Agora resending a notification: same noticeId, new notifyMs and ingest id. */
  public static NcsEvent resent(NcsEvent e) {
    return copy(e, e.noticeId(), e.ingestId() + "-r");
  }

  /** A redundant copy with its own noticeId (agora-ncs.md §3: UNCONFIRMED but possible). */
  public static NcsEvent redundant(NcsEvent e) {
    return copy(e, e.noticeId() + "-bis", e.ingestId() + "-bis");
  }

  private static NcsEvent copy(NcsEvent e, String noticeId, String ingestId) {
    return new NcsEvent(
        e.appId(),
        noticeId,
        e.productId(),
        e.eventType(),
        e.notifyMs() + 7000,
        e.sid(),
        e.eventMs(),
        e.channelName(),
        e.uid(),
        e.clientSeq(),
        e.ts(),
        e.platform(),
        e.clientType(),
        e.reason(),
        e.duration(),
        e.account(),
        e.lastUid(),
        e.receivedAtMs() + 7000,
        ingestId,
        e.healthCheck());
  }

  /** The pure computation's input for a set of events of {@link #CHANNEL}. */
  public static ChannelLog logOf(List<NcsEvent> events) {
    List<Long> creates = new ArrayList<>();
    List<Long> destroys = new ArrayList<>();
    Map<Long, List<UserEvent>> users = new TreeMap<>();
    for (NcsEvent e : events) {
      if (e.eventType() == 101) {
        creates.add(e.ts());
      } else if (e.eventType() == 102) {
        destroys.add(e.ts());
      } else {
        users.computeIfAbsent(e.uid(), k -> new ArrayList<>()).add(UserEvent.of(e));
      }
    }
    return ChannelLog.of(creates, destroys, users);
  }

  public static ChannelLog logOf(NcsEvent... events) {
    return logOf(List.of(events));
  }

  /** A tiny builder; {@link #at} finishes it. */
  public final class EventBuilder {
    private final RtcEventType type;
    private final Long uid;
    private Long seq;
    private Long duration;
    private Integer platform = 1;
    private Integer clientType;
    private Integer reason;
    private String channel = CHANNEL;
    private String noticeId;

    EventBuilder(RtcEventType type, Long uid, Long seq) {
      this.type = type;
      this.uid = uid;
      this.seq = seq;
    }

    public EventBuilder after(long seconds) {
      this.duration = seconds;
      return this;
    }

    public EventBuilder seq(long clientSeq) {
      this.seq = clientSeq;
      return this;
    }

    public EventBuilder platform(Integer code) {
      this.platform = code;
      return this;
    }

    public EventBuilder clientType(Integer code) {
      this.clientType = code;
      return this;
    }

    public EventBuilder reason(int code) {
      this.reason = code;
      return this;
    }

    public EventBuilder in(String channelName) {
      this.channel = channelName;
      return this;
    }

    public EventBuilder notice(String id) {
      this.noticeId = id;
      return this;
    }

    public NcsEvent at(long ts) {
      boolean leave = type.isLeave();
      boolean userEvent = type.isUserEvent();
      String notice = noticeId != null ? noticeId : "n-" + notices.incrementAndGet();
      return new NcsEvent(
          APP,
          notice,
          1,
          type.code(),
          ts * 1000 + 5,
          null,
          null,
          channel,
          uid,
          seq,
          ts,
          userEvent && !type.isRoleChange() ? platform : null,
          userEvent ? clientType : null,
          leave ? (reason != null ? reason : 1) : null,
          leave ? duration : null,
          null,
          type == RtcEventType.CHANNEL_DESTROYED ? 0L : null,
          ts * 1000 + 10,
          "ing-" + notice + "-" + ts,
          false);
    }
  }
}
