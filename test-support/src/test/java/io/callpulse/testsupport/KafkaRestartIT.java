package io.callpulse.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A broker of its own: stopping the run's shared broker would disturb other classes. */
class KafkaRestartIT {

  @Test
  void recordsAndAddressSurviveAStopAndStart() throws Exception {
    try (KafkaBroker kafka =
        KafkaBroker.startIn(TestRunDirectory.path().resolve("kafka-restart"))) {
      String bootstrap = kafka.bootstrapServers();
      kafka.createTopic("before-outage", 1);
      KafkaBrokerIT.KafkaClients.produce(bootstrap, "before-outage", List.of("a", "b"));

      kafka.stop();
      assertFalse(kafka.isRunning());
      assertFalse(FreePorts.accepts(Integer.parseInt(bootstrap.split(":")[1])));
      kafka.start();

      assertEquals(bootstrap, kafka.bootstrapServers());
      assertEquals(
          List.of("a", "b"), KafkaBrokerIT.KafkaClients.consume(bootstrap, "before-outage", 2));
      assertTrue(kafka.isRunning());
    }
  }
}
