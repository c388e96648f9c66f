package io.callpulse.simulator.compare;

import io.callpulse.simulator.oracle.AppExpectation;
import io.callpulse.simulator.oracle.ChannelExpectation;
import io.callpulse.simulator.oracle.ChannelFigures;
import io.callpulse.simulator.oracle.EpochExpectation;
import io.callpulse.simulator.oracle.ExpectedReport;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Expected against actual, figure by figure. A missing actual value is 0 (the pipeline reported
 * nothing); a channel, user or day the oracle does not know is a mismatch against 0 (health checks
 * and other products must not show up as channels).
 */
public final class FigureComparison {
  public enum Verdict {
    MATCH,
    MISMATCH,
    /** The rules do not decide this figure under this run's losses. */
    SKIPPED
  }

  /** What a row is about. */
  public enum Scope {
    CHANNEL,
    EPOCH,
    USER,
    DAY
  }

  /**
   * @param subject {@code app/channel}, {@code app/channel@create_ts}, {@code app/channel uid N} or
   *     {@code app day}
   * @param reason why a skipped figure is not compared, else null
   */
  public record Row(
      Scope scope,
      String subject,
      String figure,
      long expected,
      Long actual,
      Verdict verdict,
      String reason) {}

  private FigureComparison() {}

  public static List<Row> compare(ExpectedReport expected, Actual actual) {
    List<Row> rows = new ArrayList<>();
    for (AppExpectation app : expected.apps()) {
      Set<ChannelKey> known = new TreeSet<>();
      for (ChannelExpectation channel : app.channels()) {
        ChannelKey key = new ChannelKey(app.appId(), channel.channelName());
        known.add(key);
        channelRows(rows, key, channel, actual);
      }
      unknownChannels(rows, app.appId(), known, actual);
      SortedMap<LocalDate, Long> days =
          actual.dailySeconds().getOrDefault(app.appId(), new TreeMap<>());
      Set<LocalDate> allDays = new TreeSet<>(app.dailySeconds().keySet());
      allDays.addAll(days.keySet());
      for (LocalDate day : allDays) {
        rows.add(
            row(
                Scope.DAY,
                app.appId() + " " + day,
                "day_seconds",
                app.dailySeconds().getOrDefault(day, 0L),
                days.get(day),
                actual.whyUnavailable(app.appId(), "day_seconds")));
      }
    }
    return rows;
  }

  private static void channelRows(
      List<Row> rows, ChannelKey key, ChannelExpectation channel, Actual actual) {
    Map<String, Long> figures = actual.channels().getOrDefault(key, Map.of());
    channel
        .figures()
        .asMap()
        .forEach(
            (name, value) ->
                rows.add(
                    row(
                        Scope.CHANNEL,
                        key.toString(),
                        name,
                        value,
                        figures.get(name),
                        skip(channel, actual, key, name))));
    SortedMap<Long, Map<String, Long>> epochs = actual.epochs().getOrDefault(key, new TreeMap<>());
    Set<Long> expectedCreates = new TreeSet<>();
    for (EpochExpectation epoch : channel.epochs()) {
      expectedCreates.add(epoch.createTs());
      Map<String, Long> actualEpoch = epochs.getOrDefault(epoch.createTs(), Map.of());
      epoch
          .figures()
          .asMap()
          .forEach(
              (name, value) ->
                  rows.add(
                      row(
                          Scope.EPOCH,
                          key + "@" + epoch.createTs(),
                          name,
                          value,
                          actualEpoch.get(name),
                          skip(channel, actual, key, name))));
    }
    for (Long create : epochs.keySet()) {
      if (!expectedCreates.contains(create)) {
        rows.add(
            row(
                Scope.EPOCH,
                key + "@" + create,
                ChannelFigures.TOTAL_SECONDS,
                0,
                epochs.get(create).get(ChannelFigures.TOTAL_SECONDS),
                actual.whyUnavailable(key, ChannelFigures.TOTAL_SECONDS)));
      }
    }
    SortedMap<Long, Long> users = actual.userSeconds().getOrDefault(key, new TreeMap<>());
    Set<Long> uids = new TreeSet<>(channel.userSeconds().keySet());
    uids.addAll(users.keySet());
    for (long uid : uids) {
      rows.add(
          row(
              Scope.USER,
              key + " uid " + uid,
              "user_seconds",
              channel.userSeconds().getOrDefault(uid, 0L),
              users.get(uid),
              actual.whyUnavailable(key, "user_seconds")));
    }
  }

  private static void unknownChannels(
      List<Row> rows, String appId, Set<ChannelKey> known, Actual actual) {
    Set<ChannelKey> reported = new TreeSet<>(actual.channels().keySet());
    reported.addAll(actual.epochs().keySet());
    reported.addAll(actual.userSeconds().keySet());
    for (ChannelKey key : reported) {
      if (key.appId().equals(appId) && !known.contains(key)) {
        Long total =
            actual.channels().getOrDefault(key, Map.of()).get(ChannelFigures.TOTAL_SECONDS);
        rows.add(
            new Row(
                Scope.CHANNEL,
                key.toString(),
                "unexpected_channel",
                0,
                total,
                Verdict.MISMATCH,
                null));
      }
    }
  }

  /** Unasserted by the oracle (lost events) first, then not readable from the source. */
  private static String skip(
      ChannelExpectation channel, Actual actual, ChannelKey key, String figure) {
    String unasserted = channel.unasserted().get(figure);
    return unasserted != null
        ? "not decided under the lost events: " + unasserted
        : actual.whyUnavailable(key, figure);
  }

  private static Row row(
      Scope scope, String subject, String figure, long expected, Long actual, String skip) {
    if (skip != null) {
      return new Row(scope, subject, figure, expected, actual, Verdict.SKIPPED, skip);
    }
    long value = actual == null ? 0 : actual;
    Verdict verdict = value == expected ? Verdict.MATCH : Verdict.MISMATCH;
    return new Row(scope, subject, figure, expected, actual, verdict, null);
  }

  public static boolean allMatch(List<Row> rows) {
    return rows.stream().noneMatch(r -> r.verdict() == Verdict.MISMATCH);
  }
}
