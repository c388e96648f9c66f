package io.callpulse.gateway.bench;

import io.callpulse.model.NcsSignature;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A pool of realistic signed NCS requests (joins, leaves, role changes, channel create/destroy over
 * many channels), signed once up front so the load generator spends no time on HMACs.
 */
final class NcsTraffic {
  record SignedRequest(Buffer body, MultiMap headers) {}

  private static final int[] USER_EVENTS = {103, 104, 105, 106, 107, 108, 111, 112};

  private NcsTraffic() {}

  static List<SignedRequest> pool(int size, String secret, long seed) {
    Random random = new Random(seed);
    List<SignedRequest> pool = new ArrayList<>(size);
    long now = System.currentTimeMillis();
    for (int i = 0; i < size; i++) {
      byte[] body = body(random, i, now).getBytes(StandardCharsets.UTF_8);
      MultiMap headers =
          MultiMap.caseInsensitiveMultiMap()
              .add("Content-Type", "application/json")
              .add(
                  NcsSignature.HEADER_V2,
                  NcsSignature.sign(secret, body, NcsSignature.Algorithm.SHA256))
              .add(
                  NcsSignature.HEADER_V1,
                  NcsSignature.sign(secret, body, NcsSignature.Algorithm.SHA1));
      pool.add(new SignedRequest(Buffer.buffer(body), headers));
    }
    return pool;
  }

  private static String body(Random random, int i, long now) {
    String channel = "bench-room-" + random.nextInt(500);
    long ts = now / 1000 - random.nextInt(3_600);
    String envelope =
        "{\"noticeId\":\"bench:" + i + ":" + random.nextInt(1_000_000) + "\",\"productId\":1,";
    if (random.nextInt(20) == 0) {
      int type = random.nextBoolean() ? 101 : 102;
      return envelope
          + "\"eventType\":"
          + type
          + ",\"notifyMs\":"
          + now
          + ",\"sid\":\"S"
          + i
          + "\",\"payload\":{\"channelName\":\""
          + channel
          + "\",\"ts\":"
          + ts
          + (type == 102 ? ",\"lastUid\":" + random.nextInt(100_000) : "")
          + "}}";
    }
    int type = USER_EVENTS[random.nextInt(USER_EVENTS.length)];
    boolean leave = type == 104 || type == 106 || type == 108;
    return envelope
        + "\"eventType\":"
        + type
        + ",\"notifyMs\":"
        + now
        + ",\"sid\":\"S"
        + i
        + "\",\"payload\":{\"channelName\":\""
        + channel
        + "\",\"uid\":"
        + (1 + random.nextInt(2_000_000_000))
        + ",\"platform\":"
        + (1 + random.nextInt(7))
        + ",\"clientSeq\":"
        + (1_625_051_030_000L + random.nextInt(1_000_000))
        + ",\"ts\":"
        + ts
        + (leave ? ",\"reason\":1,\"duration\":" + random.nextInt(7_200) : "")
        + "}}";
  }
}
