package io.callpulse.gateway.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddressString;
import io.callpulse.gateway.config.GatewayConfig.Apps;
import io.callpulse.gateway.config.GatewayConfig.ClickHouse;
import io.callpulse.gateway.config.GatewayConfig.Defaults;
import io.callpulse.gateway.config.GatewayConfig.Http;
import io.callpulse.gateway.config.GatewayConfig.IngestStats;
import io.callpulse.gateway.config.GatewayConfig.Kafka;
import io.callpulse.gateway.config.GatewayConfig.Keys;
import io.callpulse.gateway.config.GatewayConfig.Limits;
import io.callpulse.gateway.config.GatewayConfig.Tls;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the one YAML file, applies environment overrides, and refuses at start anything it would
 * have to guess about, naming the key.
 */
public final class GatewayConfigLoader {
  private static final Pattern APP_SECRET_ENV =
      Pattern.compile("CALLPULSE_APP_(.+)_SECRET_([0-9]+|ANY)");
  private static final Pattern APP_SIGNATURE_ENV = Pattern.compile("CALLPULSE_APP_(.+)_SIGNATURE");
  private static final Pattern PRODUCT_KEY = Pattern.compile("[0-9]{1,9}|\\*");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final Pattern CLICKHOUSE_URL = Pattern.compile("https?://[^/?#]+/*");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final YAMLMapper YAML = new YAMLMapper();

  private GatewayConfigLoader() {}

  /** Loads the file (null: defaults only) and the environment. */
  public static GatewayConfig load(Path file, Map<String, String> env) {
    String yaml = "";
    if (file != null) {
      try {
        yaml = Files.readString(file);
      } catch (IOException e) {
        throw new ConfigException("cannot read the configuration file " + file + ": " + e, e);
      }
    }
    return parse(yaml, env);
  }

  public static GatewayConfig parse(String yaml, Map<String, String> env) {
    ObjectNode root;
    try {
      JsonNode tree = yaml.isBlank() ? null : YAML.readTree(yaml);
      if (tree == null || tree.isNull() || tree.isMissingNode()) {
        root = JsonNodeFactory.instance.objectNode();
      } else if (tree.isObject()) {
        root = (ObjectNode) tree;
      } else {
        throw new ConfigException("the configuration file must be a YAML mapping");
      }
    } catch (IOException e) {
      throw new ConfigException("the configuration file is not valid YAML: " + e.getMessage(), e);
    }
    applyEnvironment(root, env);
    return read(new ConfigNode(root, ""));
  }

  private static void applyEnvironment(ObjectNode root, Map<String, String> env) {
    // sorted, so the outcome does not depend on the map's order
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String name = e.getKey();
      String value = e.getValue();
      String path = GatewayConfig.ENV_OVERRIDES.get(name);
      if (path != null) {
        setPath(root, path.split("\\."), JsonNodeFactory.instance.textNode(value));
        continue;
      }
      Matcher secret = APP_SECRET_ENV.matcher(name);
      if (secret.matches()) {
        ObjectNode app = appNode(root, secret.group(1));
        String product = secret.group(2).equals("ANY") ? AppConfig.ANY_PRODUCT : secret.group(2);
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (String part : value.split(",")) {
          if (!part.isBlank()) {
            list.add(part.trim());
          }
        }
        app.withObject("/secrets").set(product, list);
        continue;
      }
      Matcher signature = APP_SIGNATURE_ENV.matcher(name);
      if (signature.matches()) {
        appNode(root, signature.group(1)).put("signature", value);
      }
    }
  }

  /** Env names are upper case; Agora app ids are lower-case hex: match a configured id first. */
  private static ObjectNode appNode(ObjectNode root, String envAppId) {
    ObjectNode apps = root.withObject("/apps");
    var names = apps.fieldNames();
    while (names.hasNext()) {
      String id = names.next();
      if (id.equalsIgnoreCase(envAppId) && !isReservedAppsKey(id)) {
        return apps.withObject("/" + id);
      }
    }
    String id = envAppId.toLowerCase(Locale.ROOT);
    return apps.withObject("/" + id);
  }

  private static boolean isReservedAppsKey(String key) {
    return key.equals(Keys.APPS_CLOSED) || key.equals(Keys.APPS_DEFAULTS);
  }

  private static void setPath(ObjectNode root, String[] path, JsonNode value) {
    ObjectNode node = root;
    for (int i = 0; i < path.length - 1; i++) {
      JsonNode next = node.get(path[i]);
      if (!(next instanceof ObjectNode)) {
        next = node.putObject(path[i]);
      }
      node = (ObjectNode) next;
    }
    node.set(path[path.length - 1], value);
  }

  private static GatewayConfig read(ConfigNode root) {
    root.allowOnly(Keys.ROOT);
    return new GatewayConfig(
        readHttp(root.child("http")),
        readKafka(root.child("kafka")),
        readLimits(root.child("limits")),
        readApps(root.child("apps")),
        readSources(root.child("sources")),
        readIngestStats(root.child("ingestStats")));
  }

  private static IngestStats readIngestStats(ConfigNode stats) {
    stats.allowOnly(Keys.INGEST_STATS);
    ConfigNode node = stats.child("clickhouse");
    node.allowOnly(Keys.CLICKHOUSE);
    Optional<ClickHouse> clickHouse = Optional.empty();
    // an empty url (e.g. an unset variable in a compose file) means "off", like no url at all
    String url = node.has("url") ? node.entries().get("url").asText("").trim() : "";
    if (!url.isEmpty()) {
      if (!CLICKHOUSE_URL.matcher(url).matches()) {
        throw new ConfigException(
            node.path("url")
                + " must be ClickHouse's HTTP interface, like http://clickhouse:8123 (was '"
                + url
                + "')");
      }
      String database = node.string("database", Defaults.STATS_DATABASE);
      if (!IDENTIFIER.matcher(database).matches()) {
        throw new ConfigException(node.path("database") + " must be a plain identifier");
      }
      JsonNode password = node.entries().get("password");
      clickHouse =
          Optional.of(
              new ClickHouse(
                  url.replaceAll("/+$", ""),
                  database,
                  node.string("user", Defaults.STATS_USER),
                  password == null || password.isNull() ? "" : password.asText()));
    }
    String sourceId = stats.optionalString("sourceId");
    if (sourceId != null && !ID.matcher(sourceId).matches()) {
      throw new ConfigException(
          stats.path("sourceId") + ": a source id is 1-128 letters, digits, '.', '_' or '-'");
    }
    return new IngestStats(
        clickHouse,
        sourceId != null ? sourceId : hostName(),
        stats.longValue("flushIntervalMs", Defaults.STATS_FLUSH_INTERVAL_MS, 100, 600_000),
        stats.intValue("maxPendingMinutes", Defaults.STATS_MAX_PENDING_MINUTES, 1, 100_000),
        stats.longValue("insertTimeoutMs", Defaults.STATS_INSERT_TIMEOUT_MS, 100, 120_000));
  }

  /** {@code $HOSTNAME} (the pod name on Kubernetes), else the resolver's name, else "gateway". */
  static String hostName() {
    String name = System.getenv("HOSTNAME");
    if (name == null || name.isBlank()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        name = "gateway";
      }
    }
    // keep the id to the characters an explicit sourceId may have
    String cleaned = name.trim().replaceAll("[^A-Za-z0-9._-]", "_");
    return cleaned.isEmpty() ? "gateway" : cleaned.substring(0, Math.min(128, cleaned.length()));
  }

  private static Http readHttp(ConfigNode http) {
    http.allowOnly(Keys.HTTP);
    Optional<Tls> tls = Optional.empty();
    if (http.has("tls")) {
      ConfigNode node = http.child("tls");
      node.allowOnly(Keys.TLS);
      Tls value = new Tls(node.string("certPath", null), node.string("keyPath", null));
      requireReadable(value.certPath(), node.path("certPath"));
      requireReadable(value.keyPath(), node.path("keyPath"));
      tls = Optional.of(value);
    }
    return new Http(
        http.string("host", Defaults.HTTP_HOST),
        http.intValue("port", Defaults.HTTP_PORT, 0, 65_535),
        tls,
        http.intValue("idleTimeoutSeconds", Defaults.IDLE_TIMEOUT_SECONDS, 1, 3_600),
        http.bool("trustForwardedFor", false),
        http.longValue("shutdownTimeoutMs", Defaults.SHUTDOWN_TIMEOUT_MS, 0, 600_000));
  }

  private static void requireReadable(String file, String key) {
    if (!Files.isReadable(Path.of(file))) {
      throw new ConfigException(key + " names a file that cannot be read: " + file);
    }
  }

  private static Kafka readKafka(ConfigNode kafka) {
    kafka.allowOnly(Keys.KAFKA);
    Map<String, String> producer = new LinkedHashMap<>();
    kafka
        .child("producer")
        .entries()
        .forEach(
            (key, value) -> {
              if (!value.isValueNode() || value.isNull()) {
                throw new ConfigException("kafka.producer." + key + " must be a single value");
              }
              producer.put(key, value.asText());
            });
    return new Kafka(
        kafka.string("bootstrap", Defaults.BOOTSTRAP),
        kafka.string("topic", Defaults.TOPIC),
        // Agora gives up on a delivery after 10 s: the deadline must leave room for the network
        kafka.longValue("deadlineMs", Defaults.DEADLINE_MS, 100, 8_000),
        kafka.intValue("retryAfterSeconds", Defaults.RETRY_AFTER_SECONDS, 1, 3_600),
        kafka.intValue("maxQueuedSends", Defaults.MAX_QUEUED_SENDS, 1, 1_000_000),
        kafka.longValue("readyCheckIntervalMs", Defaults.READY_CHECK_INTERVAL_MS, 100, 600_000),
        producer);
  }

  private static Limits readLimits(ConfigNode limits) {
    limits.allowOnly(Keys.LIMITS);
    return new Limits(
        limits.intValue("maxBodyBytes", Defaults.MAX_BODY_BYTES, 1_024, 16 * 1024 * 1024),
        limits.intValue("maxAppLabels", Defaults.MAX_APP_LABELS, 1, 100_000));
  }

  private static Apps readApps(ConfigNode apps) {
    boolean closed = apps.bool(Keys.APPS_CLOSED, false);
    AppConfig defaults =
        readApp(
            apps.child(Keys.APPS_DEFAULTS),
            "*",
            SignatureMode.REQUIRED,
            new RateLimit(Defaults.RATE_PER_SECOND, Defaults.RATE_BURST),
            false);
    Map<String, AppConfig> registry = new LinkedHashMap<>();
    apps.entries()
        .forEach(
            (appId, value) -> {
              if (isReservedAppsKey(appId)) {
                return;
              }
              if (!ID.matcher(appId).matches()) {
                throw new ConfigException(
                    "apps." + appId + ": an app id is 1-128 letters, digits, '.', '_' or '-'");
              }
              registry.put(
                  appId,
                  readApp(
                      apps.child(appId), appId, defaults.signature(), defaults.rateLimit(), true));
            });
    if (closed && registry.isEmpty()) {
      throw new ConfigException("apps.closed is true but no app is configured under apps");
    }
    return new Apps(closed, defaults, registry);
  }

  private static AppConfig readApp(
      ConfigNode app,
      String appId,
      SignatureMode defaultMode,
      RateLimit defaultRate,
      boolean secretsNeeded) {
    app.allowOnly(Keys.APP);
    Map<String, List<String>> secrets = new LinkedHashMap<>();
    ConfigNode secretNode = app.child("secrets");
    secretNode
        .entries()
        .forEach(
            (product, list) -> {
              if (!PRODUCT_KEY.matcher(product).matches()) {
                throw new ConfigException(
                    secretNode.path(product)
                        + ": secrets are keyed by Agora productId (1 = RTC) or '*'");
              }
              secrets.put(product, ConfigNode.strings(list, secretNode.path(product), true));
            });
    SignatureMode mode = defaultMode;
    if (app.has("signature")) {
      JsonNode raw = app.entries().get("signature");
      // YAML 1.1 reads a bare `off` as false
      mode =
          raw.isBoolean()
              ? (raw.booleanValue() ? SignatureMode.REQUIRED : SignatureMode.OFF)
              : SignatureMode.parse(app.string("signature", null), app.path("signature"));
    }
    if (secretsNeeded && mode != SignatureMode.OFF && secrets.isEmpty()) {
      throw new ConfigException(
          app.path("secrets")
              + ": signature is "
              + mode.wireName()
              + " but no secret is configured (set "
              + app.path("secrets")
              + " or CALLPULSE_APP_"
              + appId.toUpperCase(Locale.ROOT)
              + "_SECRET_<PRODUCT>, or signature: off)");
    }
    RateLimit rate = app.has("rateLimit") ? readRateLimit(app.child("rateLimit")) : defaultRate;
    return new AppConfig(appId, secrets, mode, rate);
  }

  private static RateLimit readRateLimit(ConfigNode node) {
    node.allowOnly(Keys.RATE_LIMIT);
    long perSecond = node.longValue("perSecond", Defaults.RATE_PER_SECOND, 0, 10_000_000);
    long burst = node.longValue("burst", Math.max(1, perSecond), 1, 100_000_000);
    return new RateLimit(perSecond, burst);
  }

  private static Map<String, SourceConfig> readSources(ConfigNode sources) {
    Map<String, SourceConfig> result = new LinkedHashMap<>();
    sources
        .entries()
        .forEach(
            (id, value) -> {
              if (!ID.matcher(id).matches()) {
                throw new ConfigException(
                    "sources." + id + ": a source id is 1-128 letters, digits, '.', '_' or '-'");
              }
              result.put(id, readSource(sources.child(id), id));
            });
    return result;
  }

  private static SourceConfig readSource(ConfigNode source, String id) {
    source.allowOnly(Keys.SOURCE);
    String header = null;
    String pointer = null;
    if (source.has("idempotencyKey")) {
      ConfigNode key = source.child("idempotencyKey");
      key.allowOnly(Keys.IDEMPOTENCY_KEY);
      header = key.optionalString("header");
      pointer = key.optionalString("jsonPointer");
      if (pointer != null) {
        compilePointer(pointer, key.path("jsonPointer"));
      }
      if (header == null && pointer == null) {
        throw new ConfigException(key.path("header") + " or jsonPointer is required");
      }
    }
    RateLimit rate =
        source.has("rateLimit")
            ? readRateLimit(source.child("rateLimit"))
            : new RateLimit(Defaults.RATE_PER_SECOND, Defaults.RATE_BURST);
    return new SourceConfig(
        id,
        source.string("topic", "callpulse.hooks." + id),
        readValidators(source, id),
        rate,
        header,
        pointer);
  }

  private static List<ValidatorSpec> readValidators(ConfigNode source, String id) {
    List<ValidatorSpec> specs = new ArrayList<>();
    if (!source.has("validators")) {
      return specs;
    }
    JsonNode list = source.entries().get("validators");
    if (!list.isArray()) {
      throw new ConfigException(source.path("validators") + " must be a list");
    }
    for (int i = 0; i < list.size(); i++) {
      specs.add(readValidator(new ConfigNode(list.get(i), source.path("validators[" + i + "]"))));
    }
    return specs;
  }

  private static ValidatorSpec readValidator(ConfigNode v) {
    String type = v.string("type", null);
    switch (type) {
      case "token" -> {
        v.allowOnly(List.of("type", "header", "tokens"));
        return new ValidatorSpec.StaticToken(
            v.string("header", "X-Webhook-Token"), v.strings("tokens", true));
      }
      case "bearer" -> {
        v.allowOnly(List.of("type", "tokens"));
        return new ValidatorSpec.Bearer(v.strings("tokens", true));
      }
      case "basic" -> {
        v.allowOnly(List.of("type", "users"));
        Map<String, String> users = new LinkedHashMap<>();
        ConfigNode node = v.child("users");
        node.entries().keySet().forEach(user -> users.put(user, node.string(user, null)));
        if (users.isEmpty()) {
          throw new ConfigException(v.path("users") + " must name at least one user: password");
        }
        return new ValidatorSpec.Basic(Map.copyOf(users));
      }
      case "hmac" -> {
        v.allowOnly(List.of("type", "header", "algorithm", "encoding", "prefix", "secrets"));
        return new ValidatorSpec.Hmac(
            v.string("header", null),
            enumValue(ValidatorSpec.HmacAlgorithm.class, v, "algorithm", "sha256"),
            enumValue(ValidatorSpec.Encoding.class, v, "encoding", "hex"),
            v.has("prefix") ? v.entries().get("prefix").asText() : "",
            v.strings("secrets", true));
      }
      case "standard-webhooks" -> {
        v.allowOnly(List.of("type", "secrets", "toleranceSeconds"));
        List<String> secrets = v.strings("secrets", true);
        for (String secret : secrets) {
          try {
            Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
          } catch (IllegalArgumentException e) {
            throw new ConfigException(
                v.path("secrets") + ": a Standard Webhooks secret is base64, optionally whsec_");
          }
        }
        return new ValidatorSpec.StandardWebhooks(
            secrets,
            v.longValue(
                "toleranceSeconds", Defaults.STANDARD_WEBHOOKS_TOLERANCE_SECONDS, 1, 86_400));
      }
      case "ip-allowlist" -> {
        v.allowOnly(List.of("type", "cidrs"));
        List<String> cidrs = v.strings("cidrs", true);
        for (String cidr : cidrs) {
          try {
            new IPAddressString(cidr).toAddress();
          } catch (AddressStringException e) {
            throw new ConfigException(
                v.path("cidrs") + ": '" + cidr + "' is not an IP address or CIDR block");
          }
        }
        return new ValidatorSpec.IpAllowlist(cidrs);
      }
      case "json-fields" -> {
        v.allowOnly(List.of("type", "pointers"));
        List<String> pointers = v.strings("pointers", true);
        pointers.forEach(p -> compilePointer(p, v.path("pointers")));
        return new ValidatorSpec.JsonFields(pointers);
      }
      default ->
          throw new ConfigException(
              v.path("type")
                  + " must be one of token, bearer, basic, hmac, standard-webhooks,"
                  + " ip-allowlist, json-fields (was '"
                  + type
                  + "')");
    }
  }

  private static void compilePointer(String pointer, String key) {
    try {
      if (!pointer.startsWith("/")) {
        throw new IllegalArgumentException("must start with /");
      }
      JsonPointer.compile(pointer);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": '" + pointer + "' is not a JSON pointer (like /data/id)");
    }
  }

  private static <E extends Enum<E>> E enumValue(
      Class<E> type, ConfigNode node, String key, String defaultValue) {
    String value = node.string(key, defaultValue);
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> allowed = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        allowed.add(constant.name().toLowerCase(Locale.ROOT));
      }
      throw new ConfigException(
          node.path(key) + " must be one of " + allowed + " (was '" + value + "')");
    }
  }
}
