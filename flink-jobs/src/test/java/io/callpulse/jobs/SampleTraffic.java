package io.callpulse.jobs;

import io.callpulse.jobs.records.IngestRecord;
import io.callpulse.model.NcsEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw Kafka records of a small known scenario, for the topology tests. In {@code room-1}: host
 * 7 [T0, T0+120], audience 8 from T0+10 turning host at T0+40 until T0+100 (210 s: 180 host, 30
 * audience, peak 2); in {@code other}: host 1 for 5 s with no 101/102. Plus a resend (same
 * noticeId), a redundant leave (new noticeId), a health check, a Cloud Recording event and a body
 * that is not JSON.
 */
final class SampleTraffic extends NcsTestBase {
  private int rawCount = 0;

  List<IngestRecord> records() {
    List<IngestRecord> input = new ArrayList<>();
    NcsEvent join = hostJoins(7).at(T0);
    NcsEvent leave = hostLeaves(7).after(120).at(T0 + 120);
    for (NcsEvent e :
        List.of(
            channelCreated().at(T0),
            audienceJoins(8).at(T0 + 10),
            leave,
            join,
            becomesHost(8).at(T0 + 40),
            hostLeaves(8).after(90).at(T0 + 100),
            channelDestroyed().at(T0 + 120),
            hostJoins(1).in("other").at(T0 + 5),
            hostLeaves(1).in("other").after(5).at(T0 + 10))) {
      input.add(record(e));
    }
    input.add(record(resent(leave)));
    input.add(record(redundant(leave)));
    input.add(
        raw(
            "{\"noticeId\":\"hc\",\"productId\":1,\"eventType\":103,\"notifyMs\":1,"
                + "\"payload\":{\"channelName\":\"test_webhook\",\"uid\":12121212,"
                + "\"clientSeq\":1,\"ts\":"
                + T0
                + "}}"));
    input.add(
        raw(
            "{\"noticeId\":\"cr\",\"productId\":3,\"eventType\":40,\"notifyMs\":1,\"payload\":{}}"));
    input.add(raw("{not json"));
    return input;
  }

  /** The NCS JSON body Agora would have sent for {@code e}. */
  static IngestRecord record(NcsEvent e) {
    StringBuilder payload = new StringBuilder();
    payload.append("\"channelName\":\"").append(e.channelName()).append('"');
    payload.append(",\"ts\":").append(e.ts());
    if (e.uid() != null) {
      payload.append(",\"uid\":").append(e.uid());
      payload.append(",\"clientSeq\":").append(Long.toUnsignedString(e.clientSeq()));
    }
    if (e.platform() != null) {
      payload.append(",\"platform\":").append(e.platform());
    }
    if (e.reason() != null) {
      payload.append(",\"reason\":").append(e.reason());
    }
    if (e.duration() != null) {
      payload.append(",\"duration\":").append(e.duration());
    }
    if (e.lastUid() != null) {
      payload.append(",\"lastUid\":").append(e.lastUid());
    }
    String body =
        "{\"noticeId\":\""
            + e.noticeId()
            + "\",\"productId\":1,\"eventType\":"
            + e.eventType()
            + ",\"notifyMs\":"
            + e.notifyMs()
            + ",\"payload\":{"
            + payload
            + "}}";
    return new IngestRecord(
        APP, e.receivedAtMs(), e.ingestId(), false, body.getBytes(StandardCharsets.UTF_8));
  }

  private IngestRecord raw(String body) {
    return new IngestRecord(
        APP,
        (T0 + 200) * 1000,
        "raw-" + (++rawCount),
        false,
        body.getBytes(StandardCharsets.UTF_8));
  }
}
