package io.callpulse.model;

import java.util.Optional;

/**
 * The RTC channel events of Agora NCS (productId 1). Numbers collide across products, so an event
 * type only means something together with {@link NcsCodes#PRODUCT_RTC}.
 */
public enum RtcEventType {
  CHANNEL_CREATED(101),
  CHANNEL_DESTROYED(102),
  BROADCASTER_JOINED(103),
  BROADCASTER_LEFT(104),
  AUDIENCE_JOINED(105),
  AUDIENCE_LEFT(106),
  COMMUNICATION_JOINED(107),
  COMMUNICATION_LEFT(108),
  ROLE_TO_BROADCASTER(111),
  ROLE_TO_AUDIENCE(112);

  private static final int FIRST_CODE = 101;

  /**
   * The types by code - FIRST_CODE (null for the gaps): {@link #of} runs many times per event and
   * flush (comparators, the rules), so it is an array read, not a scan.
   */
  private static final RtcEventType[] BY_CODE = new RtcEventType[112 - FIRST_CODE + 1];

  static {
    for (RtcEventType type : values()) {
      BY_CODE[type.code - FIRST_CODE] = type;
    }
  }

  private final int code;

  RtcEventType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<RtcEventType> of(int code) {
    return Optional.ofNullable(byCode(code));
  }

  /** The type of a code, or null when RTC has none (the allocation-free form of {@link #of}). */
  public static RtcEventType byCode(int code) {
    int index = code - FIRST_CODE;
    return index >= 0 && index < BY_CODE.length ? BY_CODE[index] : null;
  }

  public boolean isChannelEvent() {
    return this == CHANNEL_CREATED || this == CHANNEL_DESTROYED;
  }

  public boolean isJoin() {
    return this == BROADCASTER_JOINED || this == AUDIENCE_JOINED || this == COMMUNICATION_JOINED;
  }

  public boolean isLeave() {
    return this == BROADCASTER_LEFT || this == AUDIENCE_LEFT || this == COMMUNICATION_LEFT;
  }

  public boolean isRoleChange() {
    return this == ROLE_TO_BROADCASTER || this == ROLE_TO_AUDIENCE;
  }

  /** True for the user events; they carry uid and clientSeq. */
  public boolean isUserEvent() {
    return !isChannelEvent();
  }

  /** The role a join, leave or role change implies; empty for channel events. */
  public Optional<Role> role() {
    return switch (this) {
      case BROADCASTER_JOINED,
              BROADCASTER_LEFT,
              COMMUNICATION_JOINED,
              COMMUNICATION_LEFT,
              ROLE_TO_BROADCASTER ->
          Optional.of(Role.HOST);
      case AUDIENCE_JOINED, AUDIENCE_LEFT, ROLE_TO_AUDIENCE -> Optional.of(Role.AUDIENCE);
      default -> Optional.empty();
    };
  }

  /** 107/108 are the communication profile: every user is a host and there are no role switches. */
  public boolean isCommunicationProfile() {
    return this == COMMUNICATION_JOINED || this == COMMUNICATION_LEFT;
  }
}
