package io.callpulse.notifier.kafka;

import io.callpulse.notifier.delivery.Outcome;
import java.util.List;

/** What the consumer loop tells the metrics; called on the consumer thread. */
public interface LoopObserver {

  LoopObserver NONE =
      new LoopObserver() {
        @Override
        public void consumed(String topic, int records) {}

        @Override
        public void recorded(List<Outcome> outcomes) {}
      };

  /** {@code records} were read from {@code topic} (the notification topic or a retry tier). */
  void consumed(String topic, int records);

  /** These outcomes are durable (audited, retried or dead-lettered), before the commit. */
  void recorded(List<Outcome> outcomes);
}
