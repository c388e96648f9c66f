package io.callpulse.gateway.config;

import java.util.List;

/**
 * A generic webhook source ({@code POST /hooks/{id}}).
 *
 * @param idempotencyHeader header whose value becomes the Kafka key (null: none)
 * @param idempotencyPointer JSON pointer into the body whose value becomes the Kafka key (null:
 *     none); the header wins when both are configured and present
 */
public record SourceConfig(
    String id,
    String topic,
    List<ValidatorSpec> validators,
    RateLimit rateLimit,
    String idempotencyHeader,
    String idempotencyPointer) {
  public SourceConfig {
    validators = List.copyOf(validators);
  }
}
