package io.callpulse.jobs.analytics;

import io.callpulse.model.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rule 10 of agora-ncs.md §4: presence seconds split at day boundaries (UTC unless configured), per
 * role, platform and client type; per channel and per user.
 */
public final class DailySplit {
  private DailySplit() {}

  /** -1 stands for an absent code in key columns (schema-contract.md). */
  public static int code(Integer value) {
    return value == null ? -1 : value;
  }

  public record ChannelUsageKey(LocalDate day, Role role, int platform, int clientType) {}

  public record ChannelUsage(ChannelUsageKey key, long seconds, int users) {}

  public record UserUsageKey(LocalDate day, long uid, Role role, int platform, int clientType) {}

  public record UserUsage(UserUsageKey key, long seconds, int sessions) {}

  /** One piece cut to one day. */
  private record DayPiece(LocalDate day, PresencePiece piece, long seconds) {}

  private static List<DayPiece> split(List<PresencePiece> pieces, ZoneId zone) {
    List<DayPiece> out = new ArrayList<>();
    for (PresencePiece piece : pieces) {
      long from = piece.start();
      while (from < piece.end()) {
        LocalDate day = Instant.ofEpochSecond(from).atZone(zone).toLocalDate();
        long nextDay = day.plusDays(1).atStartOfDay(zone).toEpochSecond();
        long to = Math.min(piece.end(), nextDay);
        out.add(new DayPiece(day, piece, to - from));
        from = to;
      }
    }
    return out;
  }

  public static List<ChannelUsage> perChannel(List<PresencePiece> pieces, ZoneId zone) {
    Map<ChannelUsageKey, long[]> seconds = new TreeMap<>(DailySplit::compareChannelKeys);
    Map<ChannelUsageKey, Set<Long>> users = new TreeMap<>(DailySplit::compareChannelKeys);
    for (DayPiece p : split(pieces, zone)) {
      ChannelUsageKey key =
          new ChannelUsageKey(
              p.day, p.piece.role(), code(p.piece.platform()), code(p.piece.clientType()));
      seconds.computeIfAbsent(key, k -> new long[1])[0] += p.seconds;
      users.computeIfAbsent(key, k -> new HashSet<>()).add(p.piece.uid());
    }
    List<ChannelUsage> out = new ArrayList<>();
    seconds.forEach((k, s) -> out.add(new ChannelUsage(k, s[0], users.get(k).size())));
    return out;
  }

  public static List<UserUsage> perUser(List<PresencePiece> pieces, ZoneId zone) {
    Map<UserUsageKey, long[]> seconds = new TreeMap<>(DailySplit::compareUserKeys);
    Map<UserUsageKey, Set<String>> sessions = new TreeMap<>(DailySplit::compareUserKeys);
    for (DayPiece p : split(pieces, zone)) {
      UserUsageKey key =
          new UserUsageKey(
              p.day,
              p.piece.uid(),
              p.piece.role(),
              code(p.piece.platform()),
              code(p.piece.clientType()));
      seconds.computeIfAbsent(key, k -> new long[1])[0] += p.seconds;
      sessions.computeIfAbsent(key, k -> new HashSet<>()).add(p.piece.sessionId());
    }
    List<UserUsage> out = new ArrayList<>();
    seconds.forEach((k, s) -> out.add(new UserUsage(k, s[0], sessions.get(k).size())));
    return out;
  }

  private static int compareChannelKeys(ChannelUsageKey a, ChannelUsageKey b) {
    int c = a.day().compareTo(b.day());
    c = c != 0 ? c : a.role().compareTo(b.role());
    c = c != 0 ? c : Integer.compare(a.platform(), b.platform());
    return c != 0 ? c : Integer.compare(a.clientType(), b.clientType());
  }

  private static int compareUserKeys(UserUsageKey a, UserUsageKey b) {
    int c = a.day().compareTo(b.day());
    c = c != 0 ? c : Long.compare(a.uid(), b.uid());
    c = c != 0 ? c : a.role().compareTo(b.role());
    c = c != 0 ? c : Integer.compare(a.platform(), b.platform());
    return c != 0 ? c : Integer.compare(a.clientType(), b.clientType());
  }
}
