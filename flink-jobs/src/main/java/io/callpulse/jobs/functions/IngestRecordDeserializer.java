package io.callpulse.jobs.functions;

import io.callpulse.jobs.records.IngestRecord;
import io.callpulse.model.IngestHeaders;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads one record of {@code callpulse.ncs.events}: the value is the raw body, the headers are
 * {@link IngestHeaders}. A record without app id cannot be attributed and is still kept (app
 * "unknown") so that it reaches the dead letters instead of vanishing.
 */
public class IngestRecordDeserializer implements KafkaRecordDeserializationSchema<IngestRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestRecord> out) {
    String appId = header(record, IngestHeaders.APP_ID);
    String receivedAt = header(record, IngestHeaders.RECEIVED_AT_MS);
    String ingestId = header(record, IngestHeaders.INGEST_ID);
    out.collect(
        new IngestRecord(
            appId == null ? "unknown" : appId,
            receivedAt == null ? record.timestamp() : Long.parseLong(receivedAt),
            ingestId == null
                ? record.topic() + "-" + record.partition() + "-" + record.offset()
                : ingestId,
            "true".equalsIgnoreCase(header(record, IngestHeaders.HEALTH_CHECK))
                || "1".equals(header(record, IngestHeaders.HEALTH_CHECK)),
            record.value() == null ? new byte[0] : record.value()));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : IngestHeaders.string(header.value());
  }

  @Override
  public TypeInformation<IngestRecord> getProducedType() {
    return TypeInformation.of(IngestRecord.class);
  }
}
