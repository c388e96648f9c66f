package io.callpulse.jobs.functions;

import io.callpulse.jobs.analytics.ConcurrencyMinute;
import io.callpulse.jobs.analytics.ConcurrencyStep;
import io.callpulse.jobs.analytics.DailySplit;
import io.callpulse.jobs.analytics.EpochFigures;
import io.callpulse.jobs.analytics.EpochResult;
import io.callpulse.jobs.analytics.PresenceInterval;
import io.callpulse.jobs.records.ChannelEpochRow;
import io.callpulse.jobs.records.ConcurrencyMinuteRow;
import io.callpulse.jobs.records.ConcurrencyStepRow;
import io.callpulse.jobs.records.DailyChannelUsageRow;
import io.callpulse.jobs.records.DailyUserUsageRow;
import io.callpulse.jobs.records.UserSessionRow;
import io.callpulse.jobs.records.VersionedRow;
import io.callpulse.model.Role;
import java.util.ArrayList;
import java.util.List;

/** Turns the pure results of one epoch into table rows (version 0; the emitter sets it). */
public final class EpochRows {
  private EpochRows() {}

  public static List<VersionedRow> of(String appId, String channel, EpochResult result) {
    String epochId = result.epoch().epochId();
    List<VersionedRow> rows = new ArrayList<>();
    rows.add(epochRow(appId, channel, result));
    for (PresenceInterval s : result.sessions()) {
      rows.add(
          new UserSessionRow(
              appId,
              channel,
              epochId,
              s.sessionId(),
              s.uid(),
              s.start(),
              s.leaveTs(),
              s.seconds(),
              s.seconds(Role.HOST),
              s.seconds(Role.AUDIENCE),
              s.roleSwitches(),
              s.startRole().wireName(),
              s.platform(),
              s.clientType(),
              s.account(),
              s.sid(),
              s.leaveReason(),
              s.communicationMode(),
              s.inferred(),
              s.estimated(),
              s.open() ? "open" : "closed",
              0L,
              false));
    }
    for (ConcurrencyStep step : result.steps()) {
      rows.add(
          new ConcurrencyStepRow(
              appId,
              channel,
              epochId,
              step.ts(),
              step.users(),
              step.hosts(),
              step.audiences(),
              0L,
              false));
    }
    for (ConcurrencyMinute m : result.minutes()) {
      rows.add(
          new ConcurrencyMinuteRow(
              appId,
              channel,
              epochId,
              m.minute() * 60,
              m.maxUsers(),
              m.maxHosts(),
              m.maxAudiences(),
              0L,
              false));
    }
    for (DailySplit.ChannelUsage u : result.channelUsage()) {
      rows.add(
          new DailyChannelUsageRow(
              appId,
              (int) u.key().day().toEpochDay(),
              channel,
              epochId,
              u.key().role().wireName(),
              u.key().platform(),
              u.key().clientType(),
              u.seconds(),
              u.users(),
              0L,
              false));
    }
    for (DailySplit.UserUsage u : result.userUsage()) {
      rows.add(
          new DailyUserUsageRow(
              appId,
              (int) u.key().day().toEpochDay(),
              u.key().uid(),
              channel,
              epochId,
              u.key().role().wireName(),
              u.key().platform(),
              u.key().clientType(),
              u.seconds(),
              u.sessions(),
              0L,
              false));
    }
    return rows;
  }

  private static ChannelEpochRow epochRow(String appId, String channel, EpochResult result) {
    EpochFigures f = result.figures();
    return new ChannelEpochRow(
        appId,
        channel,
        result.epoch().epochId(),
        result.epoch().createTs(),
        result.epoch().destroyTs(),
        result.epoch().firstActivity(),
        result.epoch().lastActivity(),
        result.epoch().provisional(),
        result.closedBy(),
        f.totalSeconds(),
        f.hostSeconds(),
        f.audienceSeconds(),
        f.uniqueUsers(),
        f.uniqueHosts(),
        f.uniqueAudiences(),
        f.roleSwitches(),
        f.sessions(),
        f.peakConcurrentUsers(),
        f.peakAt(),
        f.clientTypes().stream().mapToInt(Integer::intValue).toArray(),
        f.platforms().stream().mapToInt(Integer::intValue).toArray(),
        f.communicationMode(),
        0L,
        false);
  }
}
