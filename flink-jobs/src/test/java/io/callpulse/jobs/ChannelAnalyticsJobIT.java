package io.callpulse.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.jobs.records.ChannelEpochRow;
import io.callpulse.jobs.records.DeadLetterRow;
import io.callpulse.jobs.records.EventOutcome;
import io.callpulse.jobs.records.IngestRecord;
import io.callpulse.jobs.records.OutboundNotification;
import io.callpulse.jobs.records.RawEventRow;
import io.callpulse.jobs.records.UserSessionRow;
import io.callpulse.model.OutboundEventIds;
import io.callpulse.testsupport.FlinkTestClusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole topology on a MiniCluster: finite in-memory source, collecting sinks, RocksDB. */
class ChannelAnalyticsJobIT extends NcsTestBase {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(FlinkTestClusters.TASK_MANAGERS)
              .setNumberSlotsPerTaskManager(FlinkTestClusters.SLOTS_PER_TASK_MANAGER)
              .setConfiguration(Configuration.fromMap(FlinkTestClusters.configuration()))
              .build());

  @BeforeEach
  void clear() {
    CollectingSinks.clear();
  }

  @Test
  void theTopologyTurnsRawBodiesIntoTableRows() throws Exception {
    List<IngestRecord> input = new SampleTraffic().records();

    ChannelAnalyticsJob job =
        new ChannelAnalyticsJob(
            env -> env.fromData(input, TypeInformation.of(IngestRecord.class)),
            new CollectingSinks(),
            // A finite run ends before any processing-time grace elapses: with --grace-s 0 the
            // end-of-input watermark makes the epochs final, so the notifications can be checked.
            JobOptions.parse(new String[] {"--checkpoint-interval-ms", "0", "--grace-s", "0"}));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.getConfig().disableGenericTypes();
    job.configure(env);
    job.build(env);
    env.execute("channel-analytics-it");

    Map<String, ChannelEpochRow> epochs =
        latest(
            CollectingSinks.<ChannelEpochRow>rows("channel_epochs"),
            e -> e.channelName() + e.rowKey());
    assertEquals(2, epochs.size(), epochs.toString());
    ChannelEpochRow room =
        epochs.values().stream()
            .filter(e -> e.channelName().equals(CHANNEL))
            .findFirst()
            .orElseThrow();
    assertEquals(210, room.totalSeconds());
    assertEquals(120 + 60, room.hostSeconds());
    assertEquals(30, room.audienceSeconds());
    assertEquals(2, room.peakConcurrentUsers());
    assertEquals(1, room.roleSwitches());
    assertEquals("destroy", room.closedBy());
    ChannelEpochRow other =
        epochs.values().stream()
            .filter(e -> e.channelName().equals("other"))
            .findFirst()
            .orElseThrow();
    assertTrue(other.provisional());
    assertEquals("inactivity", other.closedBy(), "end of input moves event time past the gap");
    assertEquals(5, other.totalSeconds());

    assertEquals(
        3,
        latest(
                CollectingSinks.<UserSessionRow>rows("user_sessions"),
                s -> s.channelName() + s.rowKey())
            .size());

    List<DeadLetterRow> dead = CollectingSinks.rows("dead_letters");
    assertEquals(1, dead.size());
    assertEquals("not_json", dead.get(0).reason());

    List<RawEventRow> raw = CollectingSinks.rows("raw_events");
    assertEquals(input.size() - 1, raw.size());
    assertEquals(1, raw.stream().filter(r -> r.duplicate() == 1).count());
    assertEquals(1, raw.stream().filter(r -> r.duplicate() == 2).count());

    Map<String, Long> outcomes = new LinkedHashMap<>();
    for (RawEventRow r : raw) { // event_outcomes is ClickHouse's copy of these (V012)
      outcomes.merge(r.outcome(), 1L, Long::sum);
    }
    // The role change's label depends on arrival order (parse runs in parallel); its figures not.
    assertEquals(
        9L,
        outcomes.get(EventOutcome.APPLIED)
            + outcomes.getOrDefault(EventOutcome.ROLE_WITHOUT_SESSION, 0L));
    assertEquals(1L, outcomes.get(EventOutcome.DUPLICATE_NOTICE));
    assertEquals(1L, outcomes.get(EventOutcome.DUPLICATE_SEMANTIC));
    assertEquals(1L, outcomes.get(EventOutcome.HEALTH_CHECK));
    assertEquals(1L, outcomes.get(EventOutcome.OTHER_PRODUCT));
    assertTrue(!CollectingSinks.rows("channel_concurrency").isEmpty());
    assertTrue(!CollectingSinks.rows("daily_user_usage").isEmpty());

    // room-1 (210 s: 180 host, 30 audience; users 7, 8) and other (5 s host; user 1), all on T0's
    // day: one usage.daily.final once both epochs are final.
    List<OutboundNotification> daily =
        CollectingSinks.<OutboundNotification>rows(AnalyticsSinks.NOTIFICATIONS).stream()
            .filter(n -> n.type().equals(OutboundEventIds.USAGE_DAILY_FINAL))
            .toList();
    assertEquals(1, daily.size(), daily.toString());
    assertEquals(
        "{\"day\":\"2023-11-14\",\"seconds\":215,\"hostSeconds\":185,"
            + "\"audienceSeconds\":30,\"users\":3,\"channels\":2}",
        daily.get(0).dataJson());
  }

  private static <T> Map<String, T> latest(List<T> rows, Function<T, String> key) {
    Map<String, T> latest = new LinkedHashMap<>();
    for (T row : rows) {
      latest.put(key.apply(row), row);
    }
    latest
        .values()
        .removeIf(
            r ->
                r instanceof ChannelEpochRow e && e.isDeleted()
                    || r instanceof UserSessionRow s && s.isDeleted());
    return latest;
  }
}
