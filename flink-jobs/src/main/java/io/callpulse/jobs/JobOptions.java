package io.callpulse.jobs;

import io.callpulse.jobs.functions.ChannelAnalyticsFunction;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of {@link ChannelAnalyticsJob}, all {@code --name value}; see its Javadoc. The one
 * place their names and defaults live.
 */
public record JobOptions(
    String bootstrapServers,
    String topic,
    String deadLetterTopic,
    String notificationsTopic,
    String groupId,
    long inactivityGapSeconds,
    long graceSeconds,
    long flushIntervalMs,
    long maxFlushIntervalMs,
    Duration outOfOrderness,
    Duration idleness,
    Duration noticeTtl,
    String zone,
    long checkpointIntervalMs,
    String clickhouseUrl,
    String clickhouseUser,
    String clickhousePassword,
    int clickhouseWriters,
    long userCacheEvents)
    implements Serializable {

  /** Every option name, in the order of the record's components. */
  public static final List<String> NAMES =
      List.of(
          "bootstrap-servers",
          "topic",
          "dead-letter-topic",
          "notifications-topic",
          "group-id",
          "inactivity-gap-s",
          "grace-s",
          "flush-ms",
          "max-flush-ms",
          "out-of-orderness-s",
          "idleness-s",
          "notice-ttl-h",
          "zone",
          "checkpoint-interval-ms",
          "clickhouse-url",
          "clickhouse-user",
          "clickhouse-password",
          "clickhouse-writers",
          "user-cache-events");

  public static JobOptions defaults() {
    return parse(new String[0]);
  }

  public static JobOptions parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("option " + args[args.length - 1] + " needs a value");
    }
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(NAMES);
    if (!unknown.isEmpty()) {
      // A misspelt option silently falling back to its default would point the job elsewhere.
      throw new IllegalArgumentException(
          "unknown option(s) --"
              + String.join(", --", unknown)
              + "; known: --"
              + String.join(", --", NAMES));
    }
    JobOptions options =
        new JobOptions(
            values.getOrDefault("bootstrap-servers", "127.0.0.1:9092"),
            values.getOrDefault("topic", "callpulse.ncs.events"),
            values.getOrDefault("dead-letter-topic", "callpulse.ncs.deadletter"),
            values.getOrDefault("notifications-topic", "callpulse.notifications"),
            values.getOrDefault("group-id", "callpulse-channel-analytics"),
            Long.parseLong(values.getOrDefault("inactivity-gap-s", "7200")),
            Long.parseLong(values.getOrDefault("grace-s", "60")),
            Long.parseLong(values.getOrDefault("flush-ms", "1000")),
            Long.parseLong(values.getOrDefault("max-flush-ms", "3000")),
            Duration.ofSeconds(Long.parseLong(values.getOrDefault("out-of-orderness-s", "30"))),
            Duration.ofSeconds(Long.parseLong(values.getOrDefault("idleness-s", "30"))),
            Duration.ofHours(Long.parseLong(values.getOrDefault("notice-ttl-h", "24"))),
            values.getOrDefault("zone", "UTC"),
            Long.parseLong(values.getOrDefault("checkpoint-interval-ms", "10000")),
            values.getOrDefault(
                "clickhouse-url", "jdbc:clickhouse:http://127.0.0.1:8123/callpulse"),
            values.getOrDefault("clickhouse-user", "default"),
            // Prefer the environment: a password on the command line shows in `ps`.
            values.getOrDefault(
                "clickhouse-password",
                System.getenv().getOrDefault("CALLPULSE_CLICKHOUSE_PASSWORD", "")),
            Integer.parseInt(values.getOrDefault("clickhouse-writers", "1")),
            Long.parseLong(
                values.getOrDefault(
                    "user-cache-events",
                    Long.toString(ChannelAnalyticsFunction.DEFAULT_CACHED_EVENTS))));
    ZoneId.of(options.zone()); // fail fast on a bad zone
    if (options.flushIntervalMs() < 1 || options.maxFlushIntervalMs() < options.flushIntervalMs()) {
      throw new IllegalArgumentException(
          "--flush-ms must be positive and --max-flush-ms at least --flush-ms, got "
              + options.flushIntervalMs()
              + " and "
              + options.maxFlushIntervalMs());
    }
    if (options.clickhouseWriters() < 1) {
      throw new IllegalArgumentException(
          "--clickhouse-writers must be at least 1, got " + options.clickhouseWriters());
    }
    if (options.userCacheEvents() < 0) {
      throw new IllegalArgumentException(
          "--user-cache-events must be 0 (no cache) or more, got " + options.userCacheEvents());
    }
    return options;
  }

  /** Never prints the ClickHouse password. */
  @Override
  public String toString() {
    return "JobOptions[bootstrapServers=%s, topic=%s, deadLetterTopic=%s, notificationsTopic=%s, groupId=%s, inactivityGapSeconds=%d, graceSeconds=%d, flushIntervalMs=%d, maxFlushIntervalMs=%d, outOfOrderness=%s, idleness=%s, noticeTtl=%s, zone=%s, checkpointIntervalMs=%d, clickhouseUrl=%s, clickhouseUser=%s, clickhousePassword=***, clickhouseWriters=%d, userCacheEvents=%d]"
        .formatted(
            bootstrapServers,
            topic,
            deadLetterTopic,
            notificationsTopic,
            groupId,
            inactivityGapSeconds,
            graceSeconds,
            flushIntervalMs,
            maxFlushIntervalMs,
            outOfOrderness,
            idleness,
            noticeTtl,
            zone,
            checkpointIntervalMs,
            clickhouseUrl,
            clickhouseUser,
            clickhouseWriters,
            userCacheEvents);
  }
}
