package io.callpulse.notifier.subscription;

import io.callpulse.notifier.config.ConfigLoader;
import io.callpulse.notifier.config.NotifierConfig;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the configuration file periodically and applies its {@code subscriptions} when the file
 * changed. A periodic read of the content (not a file watch) so that editors that replace the file,
 * Kubernetes ConfigMap symlink swaps and network file systems all work. A file that no longer
 * parses is refused with an error log and the subscriptions in effect stay.
 */
public final class SubscriptionReloader {

  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionReloader.class);

  private final Vertx vertx;
  private final Path file;
  private final ConfigLoader loader;
  private final SubscriptionRegistry registry;
  private final AtomicLong failures = new AtomicLong();
  private byte[] lastDigest;
  private long timerId = -1;

  public SubscriptionReloader(
      Vertx vertx, Path file, ConfigLoader loader, SubscriptionRegistry registry) {
    this.vertx = vertx;
    this.file = file;
    this.loader = loader;
    this.registry = registry;
  }

  /** Starts checking every {@code periodMs}; the registry is expected to hold the file as now. */
  public void start(long periodMs) {
    lastDigest = digest();
    timerId =
        vertx.setPeriodic(
            periodMs,
            id ->
                vertx.executeBlocking(
                    () -> {
                      reloadIfChanged();
                      return null;
                    },
                    false));
  }

  public void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  /** Changes refused (the file did not parse) or checks that could not read the file. */
  public long failures() {
    return failures.get();
  }

  /** Applies the file if its content changed since the last check; true when applied. */
  synchronized boolean reloadIfChanged() {
    byte[] now = digest();
    if (now == null || Arrays.equals(now, lastDigest)) {
      return false;
    }
    lastDigest = now;
    try {
      NotifierConfig config = loader.load(file);
      registry.replace(config.subscriptions());
      LOG.info("reloaded {}: {} subscriptions", file, config.subscriptions().size());
      return true;
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      LOG.error(
          "ignored a change of {}, keeping the subscriptions in effect: {}", file, e.getMessage());
      return false;
    }
  }

  private byte[] digest() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    } catch (Exception e) {
      failures.incrementAndGet();
      LOG.warn("cannot read {}: {}", file, e.getMessage());
      return null;
    }
  }
}
