package io.callpulse.gateway.kafka;

import io.vertx.core.Vertx;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether the Kafka cluster answered lately, for {@code /ready}: a background describeCluster every
 * interval, so the probe itself never waits on Kafka.
 */
public final class KafkaReadiness implements AutoCloseable {
  private final Admin admin;
  private final Vertx vertx;
  private final long intervalMs;
  private final AtomicReference<String> problem = new AtomicReference<>("no answer from Kafka yet");
  private volatile boolean checking;
  private long timerId = -1;

  public KafkaReadiness(String bootstrap, Vertx vertx, long intervalMs) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "callpulse-gateway-readiness");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.max(1_000, intervalMs)));
    p.put(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        Long.toString(Math.max(1_000, intervalMs)));
    p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    this.admin = Admin.create(p);
    this.vertx = vertx;
    this.intervalMs = intervalMs;
  }

  public void start() {
    check();
    timerId = vertx.setPeriodic(intervalMs, id -> check());
  }

  private void check() {
    if (checking) {
      return;
    }
    checking = true;
    admin
        .describeCluster(new DescribeClusterOptions().timeoutMs((int) Math.max(1_000, intervalMs)))
        .nodes()
        .whenComplete(
            (nodes, error) -> {
              checking = false;
              if (error != null) {
                problem.set("Kafka did not answer: " + error.getClass().getSimpleName());
              } else if (nodes.isEmpty()) {
                problem.set("Kafka reports no broker");
              } else {
                problem.set(null);
              }
            });
  }

  public boolean ready() {
    return problem.get() == null;
  }

  /** Why Kafka is not ready; null when it is. */
  public String problem() {
    return problem.get();
  }

  @Override
  public void close() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    admin.close(java.time.Duration.ofSeconds(2));
  }
}
