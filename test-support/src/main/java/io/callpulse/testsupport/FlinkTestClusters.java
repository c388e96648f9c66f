package io.callpulse.testsupport;

import java.nio.file.Path;
import java.util.Map;

/**
 * Settings for Flink's {@code MiniClusterExtension} in integration tests, as plain keys so this
 * module stays free of Flink:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final MiniClusterExtension FLINK =
 *     new MiniClusterExtension(
 *         new MiniClusterResourceConfiguration.Builder()
 *             .setNumberTaskManagers(FlinkTestClusters.TASK_MANAGERS)
 *             .setNumberSlotsPerTaskManager(FlinkTestClusters.SLOTS_PER_TASK_MANAGER)
 *             .setConfiguration(Configuration.fromMap(FlinkTestClusters.configuration()))
 *             .build());
 * }</pre>
 */
public final class FlinkTestClusters {

  /** One TaskManager: the machine has 2 cores, shared with Kafka and ClickHouse. */
  public static final int TASK_MANAGERS = 1;

  public static final int SLOTS_PER_TASK_MANAGER = 2;

  private FlinkTestClusters() {}

  /**
   * {@code restart-strategy.type: none} so a failing job fails the test instead of restarting
   * forever; RocksDB's working files under a short path (its socket and lock names have length
   * limits); a free REST port.
   */
  public static Map<String, String> configuration() {
    return Map.of(
        "restart-strategy.type",
        "none",
        "state.backend.rocksdb.localdir",
        rocksDbDir().toString(),
        "taskmanager.numberOfTaskSlots",
        Integer.toString(SLOTS_PER_TASK_MANAGER),
        "rest.bind-port",
        "0");
  }

  /** {@code /tmp/callpulse-rocksdb-<pid>}: short, and private to this JVM. */
  public static Path rocksDbDir() {
    return Path.of(
        System.getProperty("java.io.tmpdir"), "callpulse-rocksdb-" + ProcessHandle.current().pid());
  }
}
