package io.callpulse.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.jobs.functions.DeadLetterSerializer;
import io.callpulse.jobs.functions.IngestRecordDeserializer;
import io.callpulse.jobs.records.DeadLetterRow;
import io.callpulse.jobs.records.IngestRecord;
import io.callpulse.model.IngestHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The Kafka contract with the gateway (IngestHeaders) and the dead-letter topic; the options. */
class KafkaRecordsTest {

  @Test
  void headersBecomeTheIngestRecord() throws Exception {
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>(
            "callpulse.ncs.events", 0, 42L, new byte[0], "{}".getBytes(StandardCharsets.UTF_8));
    record.headers().add(IngestHeaders.APP_ID, IngestHeaders.utf8("app-9"));
    record.headers().add(IngestHeaders.RECEIVED_AT_MS, IngestHeaders.utf8("1700000000123"));
    record.headers().add(IngestHeaders.INGEST_ID, IngestHeaders.utf8("ing-1"));
    record.headers().add(IngestHeaders.HEALTH_CHECK, IngestHeaders.utf8("true"));
    List<IngestRecord> out = new ArrayList<>();
    new IngestRecordDeserializer().deserialize(record, collector(out));
    IngestRecord in = out.get(0);
    assertEquals("app-9", in.appId());
    assertEquals(1_700_000_000_123L, in.receivedAtMs());
    assertEquals("ing-1", in.ingestId());
    assertTrue(in.healthCheck());
    assertEquals("{}", new String(in.body(), StandardCharsets.UTF_8));
  }

  @Test
  void aRecordWithoutHeadersStillGetsAnIdentity() throws Exception {
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>("callpulse.ncs.events", 3, 7L, null, null);
    List<IngestRecord> out = new ArrayList<>();
    new IngestRecordDeserializer().deserialize(record, collector(out));
    assertEquals("unknown", out.get(0).appId());
    assertEquals("callpulse.ncs.events-3-7", out.get(0).ingestId());
    assertEquals(0, out.get(0).body().length);
  }

  @Test
  void deadLettersKeepTheBodyAndCarryTheReason() {
    ProducerRecord<byte[], byte[]> record =
        new DeadLetterSerializer("callpulse.ncs.deadletter")
            .serialize(
                new DeadLetterRow("app-1", "ing-1", 1L, "not_json", "body", "is not JSON", "{x"),
                null,
                null);
    assertEquals("callpulse.ncs.deadletter", record.topic());
    assertEquals("{x", new String(record.value(), StandardCharsets.UTF_8));
    assertEquals(
        "not_json",
        IngestHeaders.string(record.headers().lastHeader("cp-dead-letter-reason").value()));
  }

  @Test
  void optionsHaveDefaultsAndRefuseNonsense() {
    JobOptions defaults = JobOptions.defaults();
    assertEquals("callpulse.ncs.events", defaults.topic());
    assertEquals("callpulse.ncs.deadletter", defaults.deadLetterTopic());
    assertEquals(60, defaults.graceSeconds());
    assertEquals(7200, JobOptions.parse(new String[] {"--grace-s", "5"}).inactivityGapSeconds());
    assertThrows(
        IllegalArgumentException.class, () -> JobOptions.parse(new String[] {"--grace-s"}));
    assertThrows(
        RuntimeException.class, () -> JobOptions.parse(new String[] {"--zone", "Mars/Base"}));
    assertEquals("callpulse.notifications", defaults.notificationsTopic());
  }

  @Test
  void aMisspeltOptionIsRefusedNotIgnored() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> JobOptions.parse(new String[] {"--kafka-bootstrap", "kafka:9092"}));
    assertTrue(refused.getMessage().contains("--kafka-bootstrap"), refused.getMessage());
    assertTrue(refused.getMessage().contains("--bootstrap-servers"), refused.getMessage());
    assertEquals(
        JobOptions.class.getRecordComponents().length,
        JobOptions.NAMES.size(),
        "one name per option");
  }

  @Test
  void aMaxFlushIntervalBelowTheFlushIntervalIsRefused() {
    assertEquals(3000, JobOptions.defaults().maxFlushIntervalMs());
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> JobOptions.parse(new String[] {"--flush-ms", "2000", "--max-flush-ms", "1000"}));
    assertTrue(refused.getMessage().contains("--max-flush-ms"), refused.getMessage());
  }

  private static <T> Collector<T> collector(List<T> out) {
    return new Collector<>() {
      @Override
      public void collect(T record) {
        out.add(record);
      }

      @Override
      public void close() {}
    };
  }
}
