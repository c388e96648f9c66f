package io.callpulse.notifier.config;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Kafka topics and consumer settings.
 *
 * @param retryTopicPrefix retry tier {@code i} (1-based, one per backoff delay) is the topic {@code
 *     <prefix>.<i>}: a tier holds deliveries that wait about the same time, so its records become
 *     due in (nearly) the order they were written and pausing on the first not-yet-due record holds
 *     back little else
 */
public record KafkaSettings(
    String bootstrapServers,
    String groupId,
    String topic,
    String retryTopicPrefix,
    String deadLetterTopic,
    int maxPollRecords,
    int maxPollIntervalMs) {

  public KafkaSettings {
    Objects.requireNonNull(bootstrapServers, "kafka.bootstrapServers is required");
    groupId = groupId == null ? "callpulse-notifier" : groupId;
    topic = topic == null ? "callpulse.notifications" : topic;
    retryTopicPrefix = retryTopicPrefix == null ? topic + ".retry" : retryTopicPrefix;
    deadLetterTopic = deadLetterTopic == null ? topic + ".deadletter" : deadLetterTopic;
    maxPollRecords = maxPollRecords == 0 ? 200 : maxPollRecords;
    // A poll's deliveries are all finished before the next poll: allow for slow endpoints.
    maxPollIntervalMs = maxPollIntervalMs == 0 ? 900_000 : maxPollIntervalMs;
  }

  public static KafkaSettings of(String bootstrapServers, String topic) {
    return new KafkaSettings(bootstrapServers, null, topic, null, null, 0, 0);
  }

  public KafkaSettings withGroupId(String newGroupId) {
    return new KafkaSettings(
        bootstrapServers,
        newGroupId,
        topic,
        retryTopicPrefix,
        deadLetterTopic,
        maxPollRecords,
        maxPollIntervalMs);
  }

  public String retryTopic(int tier) {
    return retryTopicPrefix + "." + tier;
  }

  public List<String> retryTopics(int tiers) {
    return IntStream.rangeClosed(1, tiers).mapToObj(this::retryTopic).toList();
  }
}
