package io.callpulse.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Validates an NCS request body exactly once, for the gateway (which answers 400 with the
 * rejection) and for the jobs (which send it to the dead-letter topic). Unknown products and
 * unknown RTC event types only need a valid envelope: refusing them would make Agora retry in vain
 * (agora-ncs.md §5.8).
 *
 * <p>Old timestamps are accepted (backfills and replays are legitimate, §4.11); a {@code ts} that
 * looks like milliseconds or lies more than a day after the receive time is refused as implausible.
 */
public final class NcsParser {
  /** 2010-01-01T00:00:00Z: older than any Agora event; smaller values are not Unix seconds. */
  static final long MIN_PLAUSIBLE_TS = 1_262_304_000L;

  static final long MAX_CLOCK_SKEW_SECONDS = 86_400L;
  static final long MAX_UID = 0xFFFF_FFFFL;
  static final int MAX_ID_LENGTH = 256;
  static final int MAX_CHANNEL_NAME_LENGTH = 256;

  private static final BigInteger MAX_UINT64 =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .build();

  private NcsParser() {}

  /**
   * @param appId from the request path
   * @param receivedAtMs when the gateway received the request (bounds the plausible {@code ts})
   */
  public static ParseResult parse(byte[] body, String appId, long receivedAtMs, String ingestId) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return rejected(Rejection.NOT_JSON, "body", "is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return rejected(Rejection.NOT_JSON, "body", "could not be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      return rejected(Rejection.NOT_OBJECT, "body", "must be a JSON object");
    }
    try {
      return new ParseResult.Accepted(read(root, appId, receivedAtMs, ingestId));
    } catch (InvalidField e) {
      return new ParseResult.Rejected(e.rejection);
    }
  }

  private static NcsEvent read(JsonNode root, String appId, long receivedAtMs, String ingestId) {
    String noticeId = requiredString(root, "noticeId", "", MAX_ID_LENGTH);
    int productId = (int) requiredInteger(root, "productId", "", 0, Integer.MAX_VALUE);
    int eventType = (int) requiredInteger(root, "eventType", "", 0, Integer.MAX_VALUE);
    long notifyMs = requiredInteger(root, "notifyMs", "", 0, Long.MAX_VALUE);
    String sid = optionalString(root, "sid", "", MAX_ID_LENGTH);
    Long eventMs = optionalInteger(root, "eventMs", "", 0, Long.MAX_VALUE);
    JsonNode payload = root.get("payload");
    if (payload == null || payload.isNull()) {
      throw new InvalidField(Rejection.MISSING_FIELD, "payload", "is required");
    }
    if (!payload.isObject()) {
      throw new InvalidField(Rejection.WRONG_TYPE, "payload", "must be a JSON object");
    }
    Optional<RtcEventType> rtcType =
        productId == NcsCodes.PRODUCT_RTC ? RtcEventType.of(eventType) : Optional.empty();
    String channelName =
        optionalString(payload, "channelName", "payload.", MAX_CHANNEL_NAME_LENGTH);
    if (rtcType.isEmpty()) {
      // Kept raw downstream; the channel only decides the Kafka partition.
      return new NcsEvent(
          appId,
          noticeId,
          productId,
          eventType,
          notifyMs,
          sid,
          eventMs,
          channelName,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          receivedAtMs,
          ingestId,
          NcsCodes.HEALTH_CHECK_CHANNEL.equals(channelName));
    }
    RtcEventType type = rtcType.get();
    if (channelName == null) {
      throw new InvalidField(Rejection.MISSING_FIELD, "payload.channelName", "is required");
    }
    if (channelName.isEmpty()) {
      throw new InvalidField(Rejection.OUT_OF_RANGE, "payload.channelName", "must not be empty");
    }
    long maxTs = Math.max(MIN_PLAUSIBLE_TS, receivedAtMs / 1000L + MAX_CLOCK_SKEW_SECONDS);
    long ts = requiredInteger(payload, "ts", "payload.", MIN_PLAUSIBLE_TS, maxTs);
    Long uid = null;
    Long clientSeq = null;
    if (type.isUserEvent()) {
      uid = requiredInteger(payload, "uid", "payload.", 0, MAX_UID);
      clientSeq = requiredUnsigned64(payload, "clientSeq", "payload.");
    }
    Integer platform =
        toInt(optionalInteger(payload, "platform", "payload.", 0, Integer.MAX_VALUE));
    Integer clientType =
        toInt(optionalInteger(payload, "clientType", "payload.", 0, Integer.MAX_VALUE));
    Integer reason = toInt(optionalInteger(payload, "reason", "payload.", 0, Integer.MAX_VALUE));
    Long duration = optionalInteger(payload, "duration", "payload.", 0, Integer.MAX_VALUE);
    String account = optionalString(payload, "account", "payload.", MAX_CHANNEL_NAME_LENGTH);
    Long lastUid = optionalInteger(payload, "lastUid", "payload.", 0, MAX_UID);
    return new NcsEvent(
        appId,
        noticeId,
        productId,
        eventType,
        notifyMs,
        sid,
        eventMs,
        channelName,
        uid,
        clientSeq,
        ts,
        platform,
        clientType,
        reason,
        duration,
        account,
        lastUid,
        receivedAtMs,
        ingestId,
        NcsCodes.HEALTH_CHECK_CHANNEL.equals(channelName));
  }

  private static Integer toInt(Long value) {
    return value == null ? null : value.intValue();
  }

  private static String requiredString(JsonNode node, String name, String path, int maxLength) {
    String value = optionalString(node, name, path, maxLength);
    if (value == null) {
      throw new InvalidField(Rejection.MISSING_FIELD, path + name, "is required");
    }
    if (value.isEmpty()) {
      throw new InvalidField(Rejection.OUT_OF_RANGE, path + name, "must not be empty");
    }
    return value;
  }

  private static String optionalString(JsonNode node, String name, String path, int maxLength) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidField(Rejection.WRONG_TYPE, path + name, "must be a string");
    }
    if (value.textValue().length() > maxLength) {
      throw new InvalidField(
          Rejection.OUT_OF_RANGE, path + name, "must be at most " + maxLength + " characters");
    }
    return value.textValue();
  }

  private static long requiredInteger(JsonNode node, String name, String path, long min, long max) {
    Long value = optionalInteger(node, name, path, min, max);
    if (value == null) {
      throw new InvalidField(Rejection.MISSING_FIELD, path + name, "is required");
    }
    return value;
  }

  private static Long optionalInteger(JsonNode node, String name, String path, long min, long max) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber()) {
      throw new InvalidField(Rejection.WRONG_TYPE, path + name, "must be an integer");
    }
    BigInteger number = value.bigIntegerValue();
    if (number.compareTo(BigInteger.valueOf(min)) < 0
        || number.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new InvalidField(
          Rejection.OUT_OF_RANGE, path + name, "must be between " + min + " and " + max);
    }
    return number.longValue();
  }

  private static long requiredUnsigned64(JsonNode node, String name, String path) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new InvalidField(Rejection.MISSING_FIELD, path + name, "is required");
    }
    if (!value.isIntegralNumber()) {
      throw new InvalidField(Rejection.WRONG_TYPE, path + name, "must be an integer");
    }
    BigInteger number = value.bigIntegerValue();
    if (number.signum() < 0 || number.compareTo(MAX_UINT64) > 0) {
      throw new InvalidField(
          Rejection.OUT_OF_RANGE, path + name, "must be an unsigned 64-bit integer");
    }
    return number.longValue();
  }

  private static ParseResult rejected(String reason, String field, String problem) {
    return new ParseResult.Rejected(new Rejection(reason, field, problem));
  }

  /** Carries the first invalid field out of the nested readers; no stack trace, it is not a bug. */
  private static final class InvalidField extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Rejection rejection;

    InvalidField(String reason, String field, String problem) {
      super(field + " " + problem, null, false, false);
      this.rejection = new Rejection(reason, field, problem);
    }
  }
}
