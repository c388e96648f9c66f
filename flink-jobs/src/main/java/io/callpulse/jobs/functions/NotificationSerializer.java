package io.callpulse.jobs.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.callpulse.jobs.records.OutboundNotification;
import io.callpulse.model.IngestHeaders;
import java.time.Instant;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One notification as the notifier reads it (notifier/README.md, "Event contract"), keyed by app id
 * so that an app's events stay in order.
 */
public class NotificationSerializer
    implements KafkaRecordSerializationSchema<OutboundNotification> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String topic;

  public NotificationSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      OutboundNotification notification, KafkaSinkContext context, Long timestamp) {
    ObjectNode json = JSON.createObjectNode();
    json.put("eventId", notification.eventId());
    json.put("type", notification.type());
    json.put("appId", notification.appId());
    json.put("occurredAt", Instant.ofEpochSecond(notification.occurredAt()).toString());
    json.putRawValue("data", new RawValue(notification.dataJson()));
    byte[] value;
    try {
      value = JSON.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
    return new ProducerRecord<>(topic, IngestHeaders.utf8(notification.appId()), value);
  }
}
