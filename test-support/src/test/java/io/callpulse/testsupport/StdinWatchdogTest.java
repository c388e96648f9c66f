package io.callpulse.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guarantee behind "no orphan brokers": a child exits once its parent's pipe closes. */
class StdinWatchdogTest {

  @TempDir Path dir;

  @Test
  void childExitsWhenItsStdinCloses() {
    ManagedProcess child = startSleeper();
    assertTrue(child.isAlive());

    // what the kernel does to the pipe when this JVM dies, done on purpose
    child.closeStdin();

    assertTrue(child.waitForExit(Duration.ofSeconds(20)), "child still running: " + child);
    assertEquals(0, child.exitCode());
  }

  @Test
  void terminateEndsTheChild() {
    ManagedProcess child = startSleeper();

    child.terminate(Duration.ofSeconds(10));

    assertTrue(!child.isAlive());
  }

  private ManagedProcess startSleeper() {
    String classpath = System.getProperty("java.class.path");
    List<String> command =
        List.of(
            CallPulseInstall.javaExecutable().toString(),
            "-cp",
            classpath,
            StdinWatchdog.class.getName(),
            Sleeper.class.getName());
    return ManagedProcess.start("sleeper", command, dir, dir.resolve("sleeper.out"));
  }

  /** Stands in for {@code kafka.Kafka}: runs until something ends the JVM. */
  public static final class Sleeper {
    public static void main(String[] args) throws InterruptedException {
      Thread.sleep(Duration.ofMinutes(5).toMillis());
    }
  }
}
