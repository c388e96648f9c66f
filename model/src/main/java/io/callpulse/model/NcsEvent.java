package io.callpulse.model;

import java.util.Optional;

/**
 * One Agora NCS notification after validation, flattened. Optional payload fields are boxed and
 * null when absent, because "absent" is its own value (a missing clientType is not clientType 0).
 *
 * @param clientSeq Agora's unsigned 64-bit per-user counter, stored as the same 64 bits in a signed
 *     long: compare with {@link Long#compareUnsigned}, print with {@link Long#toUnsignedString}.
 * @param ts event time on Agora's server, Unix seconds; the only event time (notifyMs is delivery
 *     time).
 */
public record NcsEvent(
    String appId,
    String noticeId,
    int productId,
    int eventType,
    long notifyMs,
    String sid,
    Long eventMs,
    String channelName,
    Long uid,
    Long clientSeq,
    Long ts,
    Integer platform,
    Integer clientType,
    Integer reason,
    Long duration,
    String account,
    Long lastUid,
    long receivedAtMs,
    String ingestId,
    boolean healthCheck) {

  /** The RTC event type, when this is a documented RTC channel event. */
  public Optional<RtcEventType> rtcType() {
    return productId == NcsCodes.PRODUCT_RTC ? RtcEventType.of(eventType) : Optional.empty();
  }

  /**
   * Whether channel analytics use this event: documented RTC events that are not console health
   * checks. Everything else is stored raw only (agora-ncs.md §4.11).
   */
  public boolean isAnalyzable() {
    return !healthCheck && rtcType().isPresent();
  }

  /** Event time in milliseconds, for Flink watermarks. */
  public long eventTimeMs() {
    return ts != null ? ts * 1000L : (eventMs != null ? eventMs : notifyMs);
  }

  public NcsEvent withIngest(long receivedAtMs, String ingestId) {
    return with(receivedAtMs, ingestId, healthCheck);
  }

  /** The same notification, flagged as a console health check (the gateway recognised it). */
  public NcsEvent asHealthCheck() {
    return with(receivedAtMs, ingestId, true);
  }

  private NcsEvent with(long receivedAtMs, String ingestId, boolean healthCheck) {
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
        healthCheck);
  }
}
