package io.callpulse.jobs.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end latency, Kafka append → row visible in ClickHouse: markers are produced open-loop at a
 * fixed rate to a topic a running job reads, and {@code raw_events} is polled for their ingest ids.
 * A marker's latency is the time from its producer acknowledgement (acks=all: appended and
 * replicated) to the first poll that returns it, so it includes up to one poll interval. For each
 * join marker, {@code user_sessions} is polled too: its session row goes out with its channel's
 * next flush, so it shows what the flush interval adds to a raw event's latency.
 */
final class LatencyProbe {
  static final long POLL_INTERVAL_MS = 50;

  /**
   * @param sessionLatenciesMs from a join marker's acknowledgement to its session row
   * @param sessionsMissing join markers whose session row never became visible
   */
  record Result(
      Percentiles latenciesMs,
      int sent,
      int missing,
      Percentiles sessionLatenciesMs,
      int sessionsMissing) {}

  private final IngestTopic topic;
  private final MarkerTraffic traffic;
  private final Connection clickhouse;
  private final String appId;
  private final Map<String, Long> ackedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> seenAt = new ConcurrentHashMap<>();

  /** "channel|uid" of each join marker -> its ingest id. */
  private final Map<String, String> joins = new ConcurrentHashMap<>();

  private final Map<String, Long> sessionSeenAt = new ConcurrentHashMap<>();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  LatencyProbe(IngestTopic topic, MarkerTraffic traffic, Connection clickhouse, String appId) {
    this.topic = topic;
    this.traffic = traffic;
    this.clickhouse = clickhouse;
    this.appId = appId;
  }

  /** Sends a marker every 100 ms until one is visible: the job is running and its sinks write. */
  void awaitPipeline(long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (seenAt.isEmpty()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("no marker reached ClickHouse within " + timeoutMs + " ms");
      }
      send();
      topic.flush();
      Thread.sleep(100);
      poll();
    }
  }

  Result measure(int ratePerSecond, int seconds, long drainTimeoutMs) throws Exception {
    ackedAt.clear();
    seenAt.clear();
    joins.clear();
    sessionSeenAt.clear();
    Thread poller = new Thread(this::pollUntilInterrupted, "latency-poller");
    poller.setDaemon(true);
    poller.start();
    int total = ratePerSecond * seconds;
    long periodNanos = 1_000_000_000L / ratePerSecond;
    long start = System.nanoTime();
    Map<String, Boolean> measured = new ConcurrentHashMap<>();
    for (int i = 0; i < total; i++) {
      long due = start + i * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      measured.put(send(), Boolean.TRUE);
    }
    topic.flush();
    long deadline = System.currentTimeMillis() + drainTimeoutMs;
    while ((!seenAt.keySet().containsAll(measured.keySet())
            || !sessionSeenAt.keySet().containsAll(joins.values()))
        && System.currentTimeMillis() < deadline
        && failure.get() == null) {
      Thread.sleep(POLL_INTERVAL_MS);
    }
    poller.interrupt();
    poller.join();
    if (failure.get() != null) {
      throw failure.get();
    }
    long[] latencies = latencies(measured.keySet(), seenAt);
    long[] sessionLatencies = latencies(joins.values(), sessionSeenAt);
    return new Result(
        new Percentiles(latencies),
        total,
        total - latencies.length,
        new Percentiles(sessionLatencies),
        joins.size() - sessionLatencies.length);
  }

  private long[] latencies(Collection<String> ingestIds, Map<String, Long> seen) {
    return ingestIds.stream()
        .filter(id -> seen.containsKey(id) && ackedAt.containsKey(id))
        .mapToLong(id -> Math.max(0, TimeUnit.NANOSECONDS.toMillis(seen.get(id) - ackedAt.get(id))))
        .toArray();
  }

  private String send() {
    String id = IngestTopic.newIngestId();
    Delivery marker = traffic.next(System.currentTimeMillis());
    if (marker.notice().eventType() == MarkerTraffic.JOIN) {
      joins.put(marker.notice().channelName() + "|" + marker.notice().uid(), id);
    }
    topic.send(
        marker,
        id,
        (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          } else {
            ackedAt.put(id, System.nanoTime());
          }
        });
    return id;
  }

  private void pollUntilInterrupted() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        poll();
        Thread.sleep(POLL_INTERVAL_MS);
      } catch (InterruptedException e) {
        return;
      } catch (SQLException e) {
        failure.compareAndSet(null, e);
        return;
      }
    }
  }

  private void poll() throws SQLException {
    pollRawEvents();
    try (PreparedStatement st =
        clickhouse.prepareStatement(
            "SELECT channel_name, uid FROM user_sessions WHERE app_id = ?")) {
      st.setString(1, appId);
      try (ResultSet rows = st.executeQuery()) {
        long now = System.nanoTime();
        while (rows.next()) {
          String ingestId = joins.get(rows.getString(1) + "|" + rows.getLong(2));
          if (ingestId != null) {
            sessionSeenAt.putIfAbsent(ingestId, now);
          }
        }
      }
    }
  }

  private void pollRawEvents() throws SQLException {
    try (PreparedStatement st =
        clickhouse.prepareStatement("SELECT ingest_id FROM raw_events WHERE app_id = ?")) {
      st.setString(1, appId);
      try (ResultSet rows = st.executeQuery()) {
        long now = System.nanoTime();
        while (rows.next()) {
          seenAt.putIfAbsent(rows.getString(1), now);
        }
      }
    }
  }
}
