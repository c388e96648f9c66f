package io.callpulse.gateway;

import io.callpulse.model.NcsSignature;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** Realistic Agora NCS bodies and their signatures, for tests and the benchmark's shape. */
public final class NcsBodies {
  private static final AtomicLong SEQ = new AtomicLong(1);

  private NcsBodies() {}

  /** A broadcaster join (103) on {@code channel}, with a fresh noticeId. */
  public static byte[] hostJoins(String channel, long uid) {
    long now = System.currentTimeMillis();
    long seq = SEQ.getAndIncrement();
    return ("{\"noticeId\":\"2000001428:4330:"
            + seq
            + "\",\"productId\":1,\"eventType\":103,\"notifyMs\":"
            + now
            + ",\"sid\":\"8A4B2C\",\"payload\":{\"channelName\":\""
            + channel
            + "\",\"uid\":"
            + uid
            + ",\"platform\":1,\"clientSeq\":"
            + (1625051030746L + seq)
            + ",\"ts\":"
            + now / 1000
            + "}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A Conversational AI notification (productId 17): not an RTC event, still accepted. */
  public static byte[] conversationalAi() {
    long now = System.currentTimeMillis();
    return ("{\"noticeId\":\"cai-"
            + SEQ.getAndIncrement()
            + "\",\"productId\":17,\"eventType\":101,\"notifyMs\":"
            + now
            + ",\"payload\":{\"agent_id\":\"A42\",\"start_ts\":"
            + now / 1000
            + "}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** What the console's "test" button sends. */
  public static byte[] healthCheck() {
    long now = System.currentTimeMillis();
    return ("{\"noticeId\":\"hc-"
            + SEQ.getAndIncrement()
            + "\",\"productId\":1,\"eventType\":103,\"notifyMs\":"
            + now
            + ",\"payload\":{\"channelName\":\"test_webhook\",\"uid\":12121212,\"platform\":1,"
            + "\"clientSeq\":1,\"ts\":"
            + now / 1000
            + "}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  public static String v2(String secret, byte[] body) {
    return NcsSignature.sign(secret, body, NcsSignature.Algorithm.SHA256);
  }

  public static String v1(String secret, byte[] body) {
    return NcsSignature.sign(secret, body, NcsSignature.Algorithm.SHA1);
  }
}
