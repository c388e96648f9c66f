package io.callpulse.jobs;

import io.callpulse.jobs.records.IngestRecord;
import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the raw NCS records come from: Kafka in production, a finite list in tests. */
@FunctionalInterface
public interface IngestSource extends Serializable {
  DataStream<IngestRecord> create(StreamExecutionEnvironment env);
}
