package io.callpulse.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.model.NcsParser;
import io.callpulse.model.ParseResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelTrafficTest {
  private static final List<String> APPS =
      List.of("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210");
  private static final int DELIVERIES = 20_000;

  @Test
  void sameSeedSameTrafficInReceiveOrder() {
    long base = 1_700_000_000L;
    ChannelTraffic a = new ChannelTraffic(7, APPS, 40, base);
    ChannelTraffic b = new ChannelTraffic(7, APPS, 40, base);
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < DELIVERIES; i++) {
      Delivery d = a.next();
      assertArrayEquals(d.body(), b.next().body());
      assertTrue(d.receivedAtMs() >= previous, "deliveries come in the order received");
      assertTrue(d.notifyMs() <= d.receivedAtMs());
      previous = d.receivedAtMs();
    }
  }

  @Test
  void spanCoversTheDeliveriesSoTheyEndBeforeNow() {
    long span = ChannelTraffic.spanSeconds(7, APPS, 40, DELIVERIES);
    long now = System.currentTimeMillis();
    ChannelTraffic traffic = new ChannelTraffic(7, APPS, 40, now / 1000 - span);
    for (int i = 0; i < DELIVERIES; i++) {
      assertTrue(traffic.next().receivedAtMs() <= now + 1000);
    }
  }

  @Test
  void everyBodyIsAValidNotification() {
    ChannelTraffic traffic = new ChannelTraffic(11, APPS, 40, 1_700_000_000L);
    for (int i = 0; i < DELIVERIES; i++) {
      Delivery d = traffic.next();
      ParseResult result =
          NcsParser.parse(d.body(), d.notice().appId(), d.receivedAtMs(), "ingest-" + i);
      assertInstanceOf(ParseResult.Accepted.class, result, () -> new String(d.body()));
    }
  }

  @Test
  void markersAreValidToo() {
    MarkerTraffic markers = new MarkerTraffic(APPS.get(0), 3);
    long now = System.currentTimeMillis();
    for (int i = 0; i < 100; i++) {
      Delivery d = markers.next(now);
      ParseResult result = NcsParser.parse(d.body(), APPS.get(0), now, "marker-" + i);
      assertInstanceOf(ParseResult.Accepted.class, result, () -> new String(d.body()));
    }
    assertEquals(now, markers.next(now).receivedAtMs());
  }
}
