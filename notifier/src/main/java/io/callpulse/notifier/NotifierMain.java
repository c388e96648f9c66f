package io.callpulse.notifier;

import io.callpulse.notifier.config.ConfigLoader;
import io.callpulse.notifier.config.NotifierConfig;
import io.callpulse.notifier.event.DeadLetter;
import io.callpulse.notifier.kafka.DeadLetterReplay;
import io.callpulse.notifier.kafka.KafkaClients;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code notifier run --config notifier.yaml} and {@code notifier replay --from-deadletter ...}.
 */
@Command(
    name = "notifier",
    mixinStandardHelpOptions = true,
    description = "Signed outbound webhooks (Standard Webhooks) for CallPulse events.",
    subcommands = {NotifierMain.Run.class, NotifierMain.Replay.class})
public final class NotifierMain {

  public static void main(String[] args) {
    System.exit(new CommandLine(new NotifierMain()).execute(args));
  }

  @Command(name = "run", description = "Consume callpulse.notifications and deliver.")
  static final class Run implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "YAML file (see README)")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
      NotifierConfig settings = new ConfigLoader().load(config);
      NotifierService service = NotifierService.start(settings, config, Clock.systemUTC());
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    service.stop(Duration.ofSeconds(20));
                    stopped.countDown();
                  }));
      if (service.awaitTermination()) {
        stopped.await(); // let the hook finish closing before the JVM goes
        return 0;
      }
      // the consumer loop died (logged): exit so the supervisor restarts the notifier
      service.halt();
      return 1;
    }
  }

  @Command(
      name = "replay",
      description =
          "Send dead-lettered deliveries again (to the first retry tier, due now, with a fresh"
              + " attempt budget). Subscriptions must be enabled again first.")
  static final class Replay implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "YAML file (its kafka section)")
    Path config;

    @Option(
        names = "--from-deadletter",
        required = true,
        description = "read the dead letter topic (the only source for now)")
    boolean fromDeadLetter;

    @Option(names = "--subscription", description = "only this subscription id")
    String subscription;

    @Option(names = "--event-id", description = "only this event id")
    String eventId;

    @Option(names = "--reason", description = "only this dead letter reason, e.g. gone")
    String reason;

    @Option(names = "--since", description = "only records dead-lettered from this ISO instant")
    Instant since;

    @Option(names = "--dry-run", description = "count, send nothing")
    boolean dryRun;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      NotifierConfig settings = new ConfigLoader().load(config);
      Predicate<DeadLetter> filter =
          dead ->
              (subscription == null || subscription.equals(dead.delivery().subscriptionId()))
                  && (eventId == null || eventId.equals(dead.delivery().event().eventId()))
                  && (reason == null || reason.equals(dead.reason()));
      try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(settings.kafka(), null);
          KafkaProducer<String, byte[]> producer = KafkaClients.producer(settings.kafka())) {
        DeadLetterReplay.Result result =
            new DeadLetterReplay(consumer, producer, settings.kafka(), Clock.systemUTC())
                .replay(filter, since, dryRun);
        spec.commandLine()
            .getOut()
            .printf(
                "%s %d, skipped %d (filters), unreadable %d%n",
                dryRun ? "would replay" : "replayed",
                result.replayed(),
                result.skipped(),
                result.unreadable());
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }
}
