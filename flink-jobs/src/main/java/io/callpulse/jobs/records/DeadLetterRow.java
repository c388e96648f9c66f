package io.callpulse.jobs.records;

/** A row of {@code dead_letters}: a body the parser refused, with the reason. */
public record DeadLetterRow(
    String appId,
    String ingestId,
    long receivedAtMs,
    String reason,
    String field,
    String problem,
    String body) {}
