package io.callpulse.testsupport;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One ClickHouse server per test run (started by the first class that asks, stopped when JUnit
 * finishes), injected as a {@link ClickHouseServer} parameter, plus a fresh {@link
 * ClickHouseDatabase} per test class. Use through {@link RealClickHouse}.
 */
public final class ClickHouseExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ClickHouseExtension.class);
  private static final AtomicInteger DATABASE_SEQUENCE = new AtomicInteger();
  private static final int NAME_PREFIX_MAX = 40;

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ClickHouseServer.class || type == ClickHouseDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == ClickHouseServer.class) {
      return server(context);
    }
    return database(context);
  }

  /** The run's server, running. */
  public static ClickHouseServer server(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    SharedServer<ClickHouseServer> shared =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                ClickHouseServer.class,
                key ->
                    SharedServer.start(
                        () ->
                            ClickHouseServer.startIn(TestRunDirectory.path().resolve("clickhouse")),
                        ClickHouseServer::stop,
                        ClickHouseServer::dataDir),
                SharedServer.class);
    return shared.get().start();
  }

  /** The database of the test class {@code context} belongs to, created on first use. */
  public static ClickHouseDatabase database(ExtensionContext context) {
    ExtensionContext classContext = classLevel(context);
    ClickHouseServer server = server(context);
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            ClickHouseDatabase.class,
            key -> server.createDatabase(databaseName(classContext)),
            ClickHouseDatabase.class);
  }

  private static ExtensionContext classLevel(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  /** {@code it_<class name>_<n>}: readable in the server while unique within the run. */
  private static String databaseName(ExtensionContext classContext) {
    String simpleName =
        classContext
            .getTestClass()
            .map(Class::getSimpleName)
            .orElse("test")
            .toLowerCase(Locale.ROOT);
    String cleaned = simpleName.replaceAll("[^a-z0-9_]", "_");
    if (cleaned.length() > NAME_PREFIX_MAX) {
      cleaned = cleaned.substring(0, NAME_PREFIX_MAX);
    }
    return "it_" + cleaned + "_" + DATABASE_SEQUENCE.incrementAndGet();
  }
}
