package io.callpulse.testsupport;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server shared by the whole test run, kept in JUnit's root store so JUnit stops it when the run
 * ends. A failed start is remembered and rethrown: every later test fails at once with the same
 * message instead of waiting out another start timeout.
 */
final class SharedServer<T> implements ExtensionContext.Store.CloseableResource {

  /** System property: keep the servers' data directories after the run (logs are always kept). */
  static final String KEEP_DATA_PROPERTY = "callpulse.test.keepData";

  private final T server;
  private final RuntimeException startFailure;
  private final Consumer<T> stop;
  private final Supplier<Path> dataDir;

  private SharedServer(T server, RuntimeException failure, Consumer<T> stop, Supplier<Path> data) {
    this.server = server;
    this.startFailure = failure;
    this.stop = stop;
    this.dataDir = data;
  }

  static <T> SharedServer<T> start(
      Supplier<T> starter, Consumer<T> stop, java.util.function.Function<T, Path> dataDir) {
    try {
      T server = starter.get();
      return new SharedServer<>(server, null, stop, () -> dataDir.apply(server));
    } catch (RuntimeException e) {
      return new SharedServer<>(null, e, stop, () -> null);
    }
  }

  T get() {
    if (startFailure != null) {
      throw new IllegalStateException(
          "the shared test server failed to start earlier in this run: "
              + startFailure.getMessage(),
          startFailure);
    }
    return server;
  }

  @Override
  public void close() {
    if (server == null) {
      return;
    }
    stop.accept(server);
    if (!Boolean.getBoolean(KEEP_DATA_PROPERTY)) {
      Directories.deleteRecursively(dataDir.get());
    }
  }
}
