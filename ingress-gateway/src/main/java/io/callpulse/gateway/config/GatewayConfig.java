package io.callpulse.gateway.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the gateway can be told, with its defaults, in one place. Loaded from one YAML file
 * plus environment overrides by {@link GatewayConfigLoader}; the documented example is {@code
 * ingress-gateway/config/gateway.yaml}.
 */
public record GatewayConfig(
    Http http,
    Kafka kafka,
    Limits limits,
    Apps apps,
    Map<String, SourceConfig> sources,
    IngestStats ingestStats) {

  public GatewayConfig {
    sources = Map.copyOf(sources);
  }

  /** Defaults, named once; the README's key table repeats these values. */
  public static final class Defaults {
    public static final String HTTP_HOST = "0.0.0.0";
    public static final int HTTP_PORT = 8080;
    public static final int IDLE_TIMEOUT_SECONDS = 75;
    public static final String TOPIC = "callpulse.ncs.events";
    public static final String BOOTSTRAP = "127.0.0.1:9092";
    public static final long DEADLINE_MS = 3_000;
    public static final int RETRY_AFTER_SECONDS = 5;
    public static final int MAX_QUEUED_SENDS = 10_000;

    /**
     * The producer's wait for more records before it sends a batch. Under load batches fill anyway
     * (records queue behind the producer's five produce requests in flight); 5 ms was most of a
     * request's median time, and at 20,000/s after a settled warm-up 1 ms gave p99 12.1, 13.6 and
     * 40.1 ms (three runs), 5 ms 21-107 ms (five runs).
     */
    public static final int LINGER_MS = 1;

    public static final long READY_CHECK_INTERVAL_MS = 5_000;
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final long SHUTDOWN_TIMEOUT_MS = 20_000;
    public static final int MAX_APP_LABELS = 1_000;
    public static final long RATE_PER_SECOND = 1_000;
    public static final long RATE_BURST = 5_000;
    public static final long STANDARD_WEBHOOKS_TOLERANCE_SECONDS = 300;
    public static final long STATS_FLUSH_INTERVAL_MS = 10_000;
    public static final int STATS_MAX_PENDING_MINUTES = 180;
    public static final long STATS_INSERT_TIMEOUT_MS = 5_000;
    public static final String STATS_DATABASE = "callpulse";
    public static final String STATS_USER = "default";

    private Defaults() {}
  }

  /**
   * @param trustForwardedFor take the source ip from the first {@code X-Forwarded-For} entry (only
   *     behind a proxy that sets it)
   */
  public record Http(
      String host,
      int port,
      Optional<Tls> tls,
      int idleTimeoutSeconds,
      boolean trustForwardedFor,
      long shutdownTimeoutMs) {}

  public record Tls(String certPath, String keyPath) {}

  /**
   * @param deadlineMs how long a request waits for Kafka's acknowledgement before 503
   * @param maxQueuedSends records waiting to be handed to the producer before 503 at once
   * @param producer extra producer properties, applied last (they can override the defaults)
   */
  public record Kafka(
      String bootstrap,
      String topic,
      long deadlineMs,
      int retryAfterSeconds,
      int maxQueuedSends,
      long readyCheckIntervalMs,
      Map<String, String> producer) {
    public Kafka {
      producer = Map.copyOf(producer);
    }

    @Override
    public String toString() {
      // producer properties may hold SASL passwords
      return "Kafka[bootstrap="
          + bootstrap
          + ", topic="
          + topic
          + ", deadlineMs="
          + deadlineMs
          + ", retryAfterSeconds="
          + retryAfterSeconds
          + ", maxQueuedSends="
          + maxQueuedSends
          + ", producer keys="
          + producer.keySet()
          + "]";
    }
  }

  /**
   * @param maxAppLabels distinct app ids kept as metric/stat labels; the rest count as "other" so
   *     an open registry cannot be made to grow memory without bound
   */
  public record Limits(int maxBodyBytes, int maxAppLabels) {}

  /**
   * @param closed unknown app ids get 404 instead of being served with {@code defaults}
   */
  public record Apps(boolean closed, AppConfig defaults, Map<String, AppConfig> registry) {
    public Apps {
      registry = Map.copyOf(registry);
    }

    /** The settings of a configured app, the defaults for others in an open registry. */
    public Optional<AppConfig> lookup(String appId) {
      AppConfig app = registry.get(appId);
      if (app != null) {
        return Optional.of(app);
      }
      return closed ? Optional.empty() : Optional.of(defaults.withAppId(appId));
    }
  }

  /**
   * Per-minute request counts written to ClickHouse's {@code ingest_stats_minute} (Grafana's
   * pipeline-health dashboard and alerts read them). Off when no ClickHouse URL is configured.
   *
   * @param clickHouse where to write; empty: stats writing is off
   * @param sourceId this gateway instance's id, the rows' {@code source_id} (default: host name)
   * @param flushIntervalMs how often closed minutes are drained and inserted
   * @param maxPendingMinutes minutes kept for retry while ClickHouse fails; older ones are dropped
   *     (and counted as dropped)
   * @param insertTimeoutMs connect and request timeout of one INSERT
   */
  public record IngestStats(
      Optional<ClickHouse> clickHouse,
      String sourceId,
      long flushIntervalMs,
      int maxPendingMinutes,
      long insertTimeoutMs) {
    public boolean enabled() {
      return clickHouse.isPresent();
    }
  }

  /**
   * ClickHouse's HTTP interface for the gateway's writes.
   *
   * @param url {@code http(s)://host:8123}, without a trailing slash
   * @param database the CallPulse database (a plain identifier)
   * @param user a user that may INSERT into {@code ingest_stats_minute}
   * @param password its password; never printed
   */
  public record ClickHouse(String url, String database, String user, String password) {
    @Override
    public String toString() {
      return "ClickHouse[url="
          + url
          + ", database="
          + database
          + ", user="
          + user
          + ", password=<redacted>]";
    }
  }

  /** Keys of the YAML file, so the loader and its messages agree with the README. */
  static final class Keys {
    static final List<String> ROOT =
        List.of("http", "kafka", "limits", "apps", "sources", "ingestStats");
    static final List<String> HTTP =
        List.of(
            "host", "port", "tls", "idleTimeoutSeconds", "trustForwardedFor", "shutdownTimeoutMs");
    static final List<String> TLS = List.of("certPath", "keyPath");
    static final List<String> KAFKA =
        List.of(
            "bootstrap",
            "topic",
            "deadlineMs",
            "retryAfterSeconds",
            "maxQueuedSends",
            "readyCheckIntervalMs",
            "producer");
    static final List<String> LIMITS = List.of("maxBodyBytes", "maxAppLabels");
    static final String APPS_CLOSED = "closed";
    static final String APPS_DEFAULTS = "defaults";
    static final List<String> APP = List.of("secrets", "signature", "rateLimit");
    static final List<String> RATE_LIMIT = List.of("perSecond", "burst");
    static final List<String> SOURCE =
        List.of("topic", "validators", "rateLimit", "idempotencyKey");
    static final List<String> IDEMPOTENCY_KEY = List.of("header", "jsonPointer");
    static final List<String> INGEST_STATS =
        List.of(
            "sourceId", "flushIntervalMs", "maxPendingMinutes", "insertTimeoutMs", "clickhouse");
    static final List<String> CLICKHOUSE = List.of("url", "database", "user", "password");

    private Keys() {}
  }

  /**
   * Environment variables that override a key of the file. Secrets also come from {@code
   * CALLPULSE_APP_<APPID>_SECRET_<PRODUCT>} (comma-separated for rotation; PRODUCT {@code ANY} for
   * {@code *}) and the mode from {@code CALLPULSE_APP_<APPID>_SIGNATURE}.
   */
  public static final Map<String, String> ENV_OVERRIDES =
      Map.ofEntries(
          Map.entry("CALLPULSE_GATEWAY_HTTP_HOST", "http.host"),
          Map.entry("CALLPULSE_GATEWAY_HTTP_PORT", "http.port"),
          Map.entry("CALLPULSE_GATEWAY_TLS_CERT", "http.tls.certPath"),
          Map.entry("CALLPULSE_GATEWAY_TLS_KEY", "http.tls.keyPath"),
          Map.entry("CALLPULSE_GATEWAY_SHUTDOWN_TIMEOUT_MS", "http.shutdownTimeoutMs"),
          Map.entry("CALLPULSE_KAFKA_BOOTSTRAP", "kafka.bootstrap"),
          Map.entry("CALLPULSE_KAFKA_TOPIC", "kafka.topic"),
          Map.entry("CALLPULSE_KAFKA_DEADLINE_MS", "kafka.deadlineMs"),
          Map.entry("CALLPULSE_GATEWAY_MAX_BODY_BYTES", "limits.maxBodyBytes"),
          Map.entry("CALLPULSE_GATEWAY_APPS_CLOSED", "apps.closed"),
          Map.entry("CALLPULSE_GATEWAY_SOURCE_ID", "ingestStats.sourceId"),
          Map.entry("CALLPULSE_GATEWAY_STATS_FLUSH_INTERVAL_MS", "ingestStats.flushIntervalMs"),
          Map.entry("CALLPULSE_GATEWAY_STATS_CLICKHOUSE_URL", "ingestStats.clickhouse.url"),
          Map.entry(
              "CALLPULSE_GATEWAY_STATS_CLICKHOUSE_DATABASE", "ingestStats.clickhouse.database"),
          Map.entry("CALLPULSE_GATEWAY_STATS_CLICKHOUSE_USER", "ingestStats.clickhouse.user"),
          Map.entry(
              "CALLPULSE_GATEWAY_STATS_CLICKHOUSE_PASSWORD", "ingestStats.clickhouse.password"));

  public static final String ENV_APP_PREFIX = "CALLPULSE_APP_";
}
