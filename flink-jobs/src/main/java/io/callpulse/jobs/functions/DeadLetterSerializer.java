package io.callpulse.jobs.functions;

import io.callpulse.jobs.records.DeadLetterRow;
import io.callpulse.model.IngestHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a refused body to the dead-letter topic as it came, the reason in headers. */
public class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetterRow> {
  private static final long serialVersionUID = 1L;
  private final String topic;

  public DeadLetterSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      DeadLetterRow row, KafkaSinkContext context, Long timestamp) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            topic, IngestHeaders.utf8(row.appId()), row.body().getBytes(StandardCharsets.UTF_8));
    record.headers().add(IngestHeaders.APP_ID, IngestHeaders.utf8(row.appId()));
    record.headers().add(IngestHeaders.INGEST_ID, IngestHeaders.utf8(row.ingestId()));
    record.headers().add("cp-dead-letter-reason", IngestHeaders.utf8(row.reason()));
    record.headers().add("cp-dead-letter-field", IngestHeaders.utf8(row.field()));
    record.headers().add("cp-dead-letter-problem", IngestHeaders.utf8(row.problem()));
    return record;
  }
}
