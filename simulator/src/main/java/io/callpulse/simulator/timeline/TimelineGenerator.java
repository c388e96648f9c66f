package io.callpulse.simulator.timeline;

import io.callpulse.model.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds the true timeline of a few Agora tenants from a seed. Every app and every channel has its
 * own random stream derived from the seed and its position, so the timeline of channel 3 does not
 * change when more channels are asked for.
 *
 * <p>Invariants the oracle relies on (see README "What the truth guarantees"):
 *
 * <ul>
 *   <li>an epoch's users cover [create, destroy) without a gap, so Agora would not have destroyed
 *       it in between; epochs of a channel are at least 10 s apart;
 *   <li>every session lasts at least 5 s; joins of one user in one epoch are at least 3 s apart
 *       (more than the ±2 s of the leave matching rule);
 *   <li>role changes happen only while the user holds a single session, strictly inside it;
 *   <li>clientSeq grows with every event of a user, in time order (at equal seconds a join before
 *       the leave it causes).
 * </ul>
 */
public final class TimelineGenerator {
  private static final int[] HUMAN_PLATFORMS = {1, 1, 1, 2, 2, 2, 5, 7, 7, 8, 0};
  private static final String[] CHANNEL_PATTERNS = {
    "room_%d", "live-%04d", "class#%d", "1v1:%d-%d", "Town Hall %d"
  };

  private final TenantShape shape;

  private TimelineGenerator(TenantShape shape) {
    this.shape = shape;
  }

  public static TrueTimeline generate(TenantShape shape) {
    return new TimelineGenerator(shape).build();
  }

  private TrueTimeline build() {
    List<SimApp> apps = new ArrayList<>();
    Set<String> appIds = new LinkedHashSet<>();
    for (int a = 0; a < shape.apps(); a++) {
      SplittableRandom appRng = new SplittableRandom(mix(shape.seed(), a, -1));
      String generated = hex(appRng, 16).toLowerCase();
      String appId = shape.appIds().isEmpty() ? generated : shape.appIds().get(a);
      if (!appIds.add(appId)) {
        throw new IllegalArgumentException("duplicate app id " + appId);
      }
      List<SimChannel> channels = new ArrayList<>();
      for (int c = 0; c < shape.channelsPerApp(); c++) {
        SplittableRandom rng = new SplittableRandom(mix(shape.seed(), a, c));
        String name = channelName(c, rng);
        Profile profile = rng.nextDouble() < 0.7 ? Profile.LIVE : Profile.COMMUNICATION;
        channels.add(new ChannelBuilder(appId, name, profile, rng).build());
      }
      apps.add(new SimApp(appId, channels));
    }
    return new TrueTimeline(shape, apps);
  }

  static long mix(long seed, int app, int channel) {
    long z = seed * 0x9E3779B97F4A7C15L + app * 0xBF58476D1CE4E5B9L + channel * 0x94D049BB133111EBL;
    return new SplittableRandom(z).nextLong();
  }

  static String hex(SplittableRandom rng, int bytes) {
    byte[] raw = new byte[bytes];
    rng.nextBytes(raw);
    return HexFormat.of().withUpperCase().formatHex(raw);
  }

  private static String channelName(int index, SplittableRandom rng) {
    String pattern = CHANNEL_PATTERNS[index % CHANNEL_PATTERNS.length];
    return pattern.equals("1v1:%d-%d")
        ? String.format(pattern, index, rng.nextInt(1000, 10000))
        : String.format(pattern, index);
  }

  /** One channel's epochs; holds the channel's user pool so users come back in later epochs. */
  private final class ChannelBuilder {
    private final String appId;
    private final String name;
    private final Profile profile;
    private final SplittableRandom rng;
    private final List<Persona> humans = new ArrayList<>();
    private final List<Persona> bots = new ArrayList<>();
    private final long end = shape.endTs();

    ChannelBuilder(String appId, String name, Profile profile, SplittableRandom rng) {
      this.appId = appId;
      this.name = name;
      this.profile = profile;
      this.rng = rng;
      Set<Long> uids = new LinkedHashSet<>();
      int humanCount = 8 + rng.nextInt(40);
      while (uids.size() < humanCount) {
        uids.add(newUid());
      }
      for (long uid : uids) {
        int platform = HUMAN_PLATFORMS[rng.nextInt(HUMAN_PLATFORMS.length)];
        String account = rng.nextDouble() < 0.3 ? "user-" + uid : null;
        humans.add(new Persona(uid, Persona.Kind.HUMAN, platform, account, firstClientSeq()));
      }
      for (Persona.Kind kind : Persona.Kind.values()) {
        if (kind != Persona.Kind.HUMAN) {
          long uid = newUid();
          while (uids.contains(uid)) {
            uid = newUid();
          }
          uids.add(uid);
          bots.add(new Persona(uid, kind, 6, null, firstClientSeq()));
        }
      }
    }

    private long newUid() {
      long uid =
          rng.nextBoolean() ? rng.nextLong(1000, 1_000_000) : rng.nextLong(1, 0x1_0000_0000L);
      // 12121212 is the console's health check user; 0 means "let Agora choose".
      return uid == 12121212L ? uid + 1 : uid;
    }

    /**
     * Small counters, 13-digit (millisecond-like) and 14-digit values are all seen in the field.
     */
    private long firstClientSeq() {
      double kind = rng.nextDouble();
      if (kind < 0.4) {
        return rng.nextLong(1, 500);
      }
      return kind < 0.7
          ? rng.nextLong(1_600_000_000_000L, 1_800_000_000_000L)
          : rng.nextLong(10_000_000_000_000L, 90_000_000_000_000L);
    }

    SimChannel build() {
      List<TrueEpoch> epochs = new ArrayList<>();
      long span = shape.durationSeconds();
      long t = shape.startTs() + rng.nextLong(Math.max(1, span / 4));
      while (end - t >= 60) {
        TrueEpoch epoch = epoch(epochs.size(), t);
        epochs.add(epoch);
        t = epoch.destroyTs() + 10 + rng.nextLong(Math.max(60, span / 8));
      }
      return new SimChannel(appId, name, profile, epochs);
    }

    private TrueEpoch epoch(int index, long create) {
      String key = appId + "/" + name + "/e" + index;
      List<SessionDraft> drafts = new ArrayList<>();
      List<Persona> order = shuffled(humans);
      Persona anchor = order.get(0);
      long anchorEnd = Math.min(end, create + 60 + rng.nextLong(90 * 60));
      drafts.addAll(chain(anchor, Role.HOST, create, anchorEnd, false, anchorEnd));
      long covered = maxLeave(drafts);

      List<Persona> guests = new ArrayList<>();
      int humanGuests =
          profile == Profile.LIVE
              ? rng.nextInt(Math.min(order.size(), 26))
              : 1 + rng.nextInt(Math.min(order.size() - 1, 6));
      guests.addAll(order.subList(1, 1 + Math.min(humanGuests, order.size() - 1)));
      for (Persona bot : bots) {
        if (rng.nextDouble() < 0.2) {
          guests.add(bot);
        }
      }
      for (Persona guest : guests) {
        long join = create + rng.nextLong(covered - create);
        long leave = Math.min(end, join + sessionLength(guest, covered - join));
        if (leave - join < 5) {
          continue;
        }
        drafts.addAll(chain(guest, startRole(guest), join, leave, true, covered));
        covered = Math.max(covered, maxLeave(drafts));
      }
      assignClientSeqs(drafts);
      long destroy = covered;
      List<TrueSession> sessions = new ArrayList<>();
      for (int i = 0; i < drafts.size(); i++) {
        sessions.add(drafts.get(i).freeze(key + "/s" + i));
      }
      List<Long> lastUids =
          sessions.stream()
              .filter(s -> s.leaveTs() == destroy)
              .sorted(Comparator.comparingLong(TrueSession::leaveSeq))
              .map(TrueSession::uid)
              .distinct()
              .toList();
      return new TrueEpoch(key, create, destroy, lastUids, sessions);
    }

    private Role startRole(Persona persona) {
      if (profile == Profile.COMMUNICATION) {
        return Role.HOST;
      }
      return switch (persona.kind) {
        case CLOUD_RECORDING, MEDIA_PUSH -> Role.AUDIENCE;
        case MEDIA_PULL, AI_AGENT -> Role.HOST;
        case LINUX_UNTYPED -> rng.nextBoolean() ? Role.HOST : Role.AUDIENCE;
        case HUMAN -> rng.nextDouble() < 0.15 ? Role.HOST : Role.AUDIENCE;
      };
    }

    /** Audiences drop in and out, bots stay as long as there is something to record or serve. */
    private long sessionLength(Persona persona, long untilCovered) {
      return switch (persona.kind) {
        case CLOUD_RECORDING, AI_AGENT -> Math.max(5, untilCovered - rng.nextLong(0, 10));
        case HUMAN -> 5 + (long) Math.exp(rng.nextDouble(2.0, 8.2));
        default -> 30 + rng.nextLong(45 * 60);
      };
    }

    /**
     * The sessions of one user, one after another: each may end in a reconnect (reason 10, the new
     * connection joins a few seconds before the old one is dropped), a device switch (reason 5 at
     * the new device's join) or a normal leave and a later rejoin. A rejoin only happens while
     * other users keep the channel alive ({@code coverLimit}).
     */
    private List<SessionDraft> chain(
        Persona persona, Role role, long firstJoin, long lastLeave, boolean gaps, long coverLimit) {
      List<SessionDraft> out = new ArrayList<>();
      long join = firstJoin;
      long previousLeave = Long.MIN_VALUE;
      int platform = persona.platform;
      Role current = role;
      while (true) {
        long remaining = lastLeave - join;
        long leave = lastLeave;
        long nextJoin = -1;
        int reason = finalReason();
        if (persona.isHuman() && remaining >= 60 && rng.nextDouble() < 0.3) {
          long cut = join + 20 + rng.nextLong(remaining - 40);
          double kind = rng.nextDouble();
          if (kind < 0.4) {
            leave = cut;
            nextJoin = cut - 1 - rng.nextLong(4);
            reason = 10;
          } else if (kind < 0.7) {
            leave = cut;
            nextJoin = cut;
            reason = 5;
          } else if (gaps) {
            long rejoin = cut + 3 + rng.nextLong(120);
            if (rejoin <= coverLimit - 1 && rejoin <= lastLeave - 10) {
              leave = cut;
              nextJoin = rejoin;
              reason = 1;
            }
          }
        }
        long roleFrom = Math.max(join, previousLeave) + 1;
        long roleTo = (nextJoin >= 0 ? Math.min(leave, nextJoin) : leave) - 1;
        Role joinRole = current;
        List<long[]> changes = new ArrayList<>();
        if (profile == Profile.LIVE && persona.isHuman() && roleTo - roleFrom >= 3) {
          if (rng.nextDouble() < 0.3) {
            int count = 1 + rng.nextInt(3);
            long step = (roleTo - roleFrom) / count;
            for (int i = 0; i < count; i++) {
              long ts = roleFrom + i * step + rng.nextLong(Math.max(1, step));
              // A tenth of the requests ask for the role the user already has.
              Role target = rng.nextDouble() < 0.1 ? current : other(current);
              changes.add(new long[] {ts, target.ordinal()});
              current = target;
            }
          }
        }
        out.add(
            new SessionDraft(
                persona, join, leave, joinRole, changes, reason, platform, hex(rng, 16)));
        if (nextJoin < 0) {
          return out;
        }
        previousLeave = reason == 10 ? leave : Long.MIN_VALUE;
        if (reason == 5) {
          platform = HUMAN_PLATFORMS[rng.nextInt(HUMAN_PLATFORMS.length)];
        }
        join = nextJoin;
      }
    }

    private int finalReason() {
      double r = rng.nextDouble();
      if (r < 0.75) {
        return 1;
      }
      int[] rare = {0, 2, 2, 3, 4, 9, 12, 99, 999};
      return rare[rng.nextInt(rare.length)];
    }

    /** Gives every event of each user its clientSeq, in time order per user. */
    private void assignClientSeqs(List<SessionDraft> drafts) {
      record Step(long ts, int priority, int draft, int index) {}
      List<Persona> personas = drafts.stream().map(d -> d.persona).distinct().toList();
      for (Persona persona : personas) {
        List<Step> steps = new ArrayList<>();
        for (int d = 0; d < drafts.size(); d++) {
          SessionDraft draft = drafts.get(d);
          if (draft.persona != persona) {
            continue;
          }
          steps.add(new Step(draft.join, 0, d, -1));
          for (int i = 0; i < draft.changes.size(); i++) {
            steps.add(new Step(draft.changes.get(i)[0], 1, d, i));
          }
          steps.add(new Step(draft.leave, 2, d, -2));
        }
        steps.sort(Comparator.comparingLong(Step::ts).thenComparingInt(Step::priority));
        for (Step step : steps) {
          long seq = persona.nextClientSeq(1 + rng.nextInt(3));
          SessionDraft draft = drafts.get(step.draft);
          switch (step.index) {
            case -1 -> draft.joinSeq = seq;
            case -2 -> draft.leaveSeq = seq;
            default -> draft.changeSeqs[step.index] = seq;
          }
        }
      }
    }

    private List<Persona> shuffled(List<Persona> personas) {
      List<Persona> copy = new ArrayList<>(personas);
      for (int i = copy.size() - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        Persona swap = copy.get(i);
        copy.set(i, copy.get(j));
        copy.set(j, swap);
      }
      return copy;
    }

    private final class SessionDraft {
      final Persona persona;
      final long join;
      final long leave;
      final Role joinRole;
      final List<long[]> changes;
      final long[] changeSeqs;
      final int reason;
      final int platform;
      final String sid;
      long joinSeq;
      long leaveSeq;

      SessionDraft(
          Persona persona,
          long join,
          long leave,
          Role joinRole,
          List<long[]> changes,
          int reason,
          int platform,
          String sid) {
        this.persona = persona;
        this.join = join;
        this.leave = leave;
        this.joinRole = joinRole;
        this.changes = changes;
        this.changeSeqs = new long[changes.size()];
        this.reason = reason;
        this.platform = platform;
        this.sid = sid;
      }

      TrueSession freeze(String key) {
        List<RoleChange> roleChanges = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
          long[] change = changes.get(i);
          roleChanges.add(new RoleChange(change[0], Role.values()[(int) change[1]], changeSeqs[i]));
        }
        return new TrueSession(
            key,
            persona.uid,
            join,
            leave,
            joinRole,
            profile,
            roleChanges,
            reason,
            platform,
            platform == 6 ? persona.clientType() : null,
            persona.account,
            sid,
            joinSeq,
            leaveSeq);
      }
    }

    private long maxLeave(List<SessionDraft> drafts) {
      return drafts.stream().mapToLong(d -> d.leave).max().orElseThrow();
    }
  }

  private static Role other(Role role) {
    return role == Role.HOST ? Role.AUDIENCE : Role.HOST;
  }
}
