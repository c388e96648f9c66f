package io.callpulse.simulator.timeline;

/**
 * Who a uid is in one channel: a person on a device, or one of Agora's server-side clients on Linux
 * (platform 6), which announce themselves with a clientType. The clientSeq counter lives here
 * because Agora's counter belongs to the user and keeps growing across that user's sessions.
 */
final class Persona {
  enum Kind {
    HUMAN(null),
    CLOUD_RECORDING(10),
    MEDIA_PUSH(30),
    MEDIA_PULL(28),
    AI_AGENT(60),
    /** A Linux SDK client that sends no clientType: its own value, not 0. */
    LINUX_UNTYPED(null);

    final Integer clientType;

    Kind(Integer clientType) {
      this.clientType = clientType;
    }
  }

  final long uid;
  final Kind kind;
  final int platform;
  final String account;
  private long clientSeq;

  Persona(long uid, Kind kind, int platform, String account, long firstClientSeq) {
    this.uid = uid;
    this.kind = kind;
    this.platform = platform;
    this.account = account;
    this.clientSeq = firstClientSeq;
  }

  boolean isHuman() {
    return kind == Kind.HUMAN;
  }

  Integer clientType() {
    return kind.clientType;
  }

  /** Agora's counter only grows; the step is irregular, as a real client's is. */
  long nextClientSeq(long step) {
    clientSeq += step;
    return clientSeq;
  }
}
