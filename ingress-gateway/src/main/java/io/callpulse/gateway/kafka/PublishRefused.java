package io.callpulse.gateway.kafka;

/**
 * Kafka did not take a record in time (or at all): the caller answers 503 and the sender retries.
 * The record may still be written later; downstream deduplication absorbs that copy.
 */
public final class PublishRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PublishRefused(String reason, Throwable cause) {
    super(reason, cause, false, false);
  }
}
