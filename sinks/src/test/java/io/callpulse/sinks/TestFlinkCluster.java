package io.callpulse.sinks;

import io.callpulse.testsupport.FlinkTestClusters;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The MiniCluster of platform.md: {@code restart-strategy.type: none} (a test that wants restarts
 * sets its own strategy on its job), RocksDB's local dir on a short path, a free REST port.
 */
final class TestFlinkCluster {

  private TestFlinkCluster() {}

  static MiniClusterExtension extension() {
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(FlinkTestClusters.TASK_MANAGERS)
            .setNumberSlotsPerTaskManager(FlinkTestClusters.SLOTS_PER_TASK_MANAGER)
            .setConfiguration(Configuration.fromMap(FlinkTestClusters.configuration()))
            .build());
  }
}
