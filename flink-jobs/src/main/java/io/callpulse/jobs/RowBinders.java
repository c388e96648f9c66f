package io.callpulse.jobs;

import io.callpulse.jobs.records.ChannelEpochRow;
import io.callpulse.jobs.records.ConcurrencyMinuteRow;
import io.callpulse.jobs.records.ConcurrencyStepRow;
import io.callpulse.jobs.records.DailyChannelUsageRow;
import io.callpulse.jobs.records.DailyUserUsageRow;
import io.callpulse.jobs.records.DeadLetterRow;
import io.callpulse.jobs.records.RawEventRow;
import io.callpulse.jobs.records.UserSessionRow;
import io.callpulse.sinks.RowBinder;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Binds each row type in the column order of io.callpulse.sinks.Tables (schema-contract.md):
 * seconds and milliseconds as {@link Instant}, days as {@link LocalDate}, flags as 0/1, absent
 * values as SQL NULL.
 */
final class RowBinders {
  private RowBinders() {}

  /** Sets parameters 1, 2, ... in order. */
  private static final class Binder {
    private final PreparedStatement st;
    private int i = 1;

    Binder(PreparedStatement st) {
      this.st = st;
    }

    Binder str(String v) throws SQLException {
      if (v == null) {
        st.setNull(i++, Types.VARCHAR);
      } else {
        st.setString(i++, v);
      }
      return this;
    }

    Binder num(Number v) throws SQLException {
      if (v == null) {
        st.setNull(i++, Types.BIGINT);
      } else {
        st.setLong(i++, v.longValue());
      }
      return this;
    }

    Binder flag(boolean v) throws SQLException {
      st.setInt(i++, v ? 1 : 0);
      return this;
    }

    Binder seconds(Long v) throws SQLException {
      if (v == null) {
        st.setNull(i++, Types.TIMESTAMP);
      } else {
        st.setObject(i++, Instant.ofEpochSecond(v));
      }
      return this;
    }

    Binder millis(long v) throws SQLException {
      st.setObject(i++, Instant.ofEpochMilli(v));
      return this;
    }

    Binder day(int epochDay) throws SQLException {
      st.setObject(i++, LocalDate.ofEpochDay(epochDay));
      return this;
    }

    Binder ints(int[] v) throws SQLException {
      Integer[] boxed = new Integer[v.length];
      for (int k = 0; k < v.length; k++) {
        boxed[k] = v[k];
      }
      st.setArray(i++, st.getConnection().createArrayOf("Int32", boxed));
      return this;
    }
  }

  static final RowBinder<RawEventRow> RAW =
      (st, r) ->
          new Binder(st)
              .str(r.appId())
              .str(r.ingestId())
              .str(r.noticeId())
              .num(r.productId())
              .num(r.eventType())
              .millis(r.notifyMs())
              .millis(r.receivedAtMs())
              .seconds(r.eventTs())
              .str(r.channelName())
              .num(r.uid())
              .num(r.clientSeq())
              .num(r.platform())
              .num(r.clientType())
              .num(r.reason())
              .num(r.duration())
              .str(r.account())
              .str(r.sid())
              .num(r.lastUid())
              .flag(r.healthCheck())
              .num(r.duplicate())
              .str(r.outcome())
              .str(r.body());

  static final RowBinder<DeadLetterRow> DEAD_LETTER =
      (st, r) ->
          new Binder(st)
              .str(r.appId())
              .str(r.ingestId())
              .millis(r.receivedAtMs())
              .str(r.reason())
              .str(r.field())
              .str(r.problem())
              .str(r.body());

  static final RowBinder<UserSessionRow> SESSION =
      (st, r) ->
          new Binder(st)
              .str(r.appId())
              .str(r.channelName())
              .str(r.epochId())
              .str(r.sessionId())
              .num(r.uid())
              .seconds(r.joinTs())
              .seconds(r.leaveTs())
              .num(r.seconds())
              .num(r.hostSeconds())
              .num(r.audienceSeconds())
              .num(r.roleSwitches())
              .str(r.startRole())
              .num(r.platform())
              .num(r.clientType())
              .str(r.account())
              .str(r.sid())
              .num(r.leaveReason())
              .flag(r.communicationMode())
              .flag(r.inferred())
              .flag(r.estimated())
              .str(r.state())
              .num(r.version())
              .flag(r.isDeleted());

  static final RowBinder<ChannelEpochRow> EPOCH =
      (st, r) ->
          new Binder(st)
              .str(r.appId())
              .str(r.channelName())
              .str(r.epochId())
              .seconds(r.createTs())
              .seconds(r.destroyTs())
              .seconds(r.firstActivity())
              .seconds(r.lastActivity())
              .flag(r.provisional())
              .str(r.closedBy())
              .num(r.totalSeconds())
              .num(r.hostSeconds())
              .num(r.audienceSeconds())
              .num(r.uniqueUsers())
              .num(r.uniqueHosts())
              .num(r.uniqueAudiences())
              .num(r.roleSwitches())
              .num(r.sessions())
              .num(r.peakConcurrentUsers())
              .seconds(r.peakAt())
              .ints(r.clientTypes())
              .ints(r.platforms())
              .flag(r.communicationMode())
              .num(r.version())
              .flag(r.isDeleted());

  static final RowBinder<ConcurrencyStepRow> STEP =
      (st, r) ->
          new Binder(st)
              .str(r.appId())
              .str(r.channelName())
              .str(r.epochId())
              .seconds(r.ts())
              .num(r.users())
              .num(r.hosts())
              .num(r.audiences())
              .num(r.version())
              .flag(r.isDeleted());

  static final RowBinder<ConcurrencyMinuteRow> MINUTE =
      (st, r) ->
          new Binder(st)
              .str(r.appId())
              .str(r.channelName())
              .str(r.epochId())
              .seconds(r.minute())
              .num(r.maxUsers())
              .num(r.maxHosts())
              .num(r.maxAudiences())
              .num(r.version())
              .flag(r.isDeleted());

  static final RowBinder<DailyChannelUsageRow> DAILY_CHANNEL =
      (st, r) ->
          new Binder(st)
              .str(r.appId())
              .day(r.day())
              .str(r.channelName())
              .str(r.epochId())
              .str(r.role())
              .num(r.platform())
              .num(r.clientType())
              .num(r.seconds())
              .num(r.users())
              .num(r.version())
              .flag(r.isDeleted());

  static final RowBinder<DailyUserUsageRow> DAILY_USER =
      (st, r) ->
          new Binder(st)
              .str(r.appId())
              .day(r.day())
              .num(r.uid())
              .str(r.channelName())
              .str(r.epochId())
              .str(r.role())
              .num(r.platform())
              .num(r.clientType())
              .num(r.seconds())
              .num(r.sessions())
              .num(r.version())
              .flag(r.isDeleted());
}
