package io.callpulse.jobs.records;

/**
 * One Kafka record of {@code callpulse.ncs.events}: the raw NCS body and what the gateway put in
 * the headers (io.callpulse.model.IngestHeaders).
 */
public record IngestRecord(
    String appId, long receivedAtMs, String ingestId, boolean healthCheck, byte[] body) {}
