package io.callpulse.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Kafka broker per test run (started by the first class that asks, stopped when JUnit
 * finishes), injected as a {@link KafkaBroker} parameter. Use through {@link RealKafka}.
 *
 * <p>A class that stops the broker to test an outage should start it again; if it does not, the
 * next class to ask gets it restarted on the same ports and data.
 */
public final class KafkaExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    broker(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return broker(context);
  }

  /** The run's broker, running. */
  public static KafkaBroker broker(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    SharedServer<KafkaBroker> shared =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                KafkaBroker.class,
                key ->
                    SharedServer.start(
                        () -> KafkaBroker.startIn(TestRunDirectory.path().resolve("kafka")),
                        KafkaBroker::stop,
                        KafkaBroker::dataDir),
                SharedServer.class);
    return shared.get().start();
  }
}
