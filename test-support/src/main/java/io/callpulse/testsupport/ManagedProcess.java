package io.callpulse.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A server child process with its output in a log file, stopped politely and then by force.
 *
 * <p>Three layers keep it from outliving the tests: callers stop it; a JVM shutdown hook stops what
 * they forgot; and the child itself exits when its standard input closes (the pipe is kept open,
 * never written, so only the death of this JVM closes it).
 */
final class ManagedProcess {

  private static final Set<ManagedProcess> RUNNING = ConcurrentHashMap.newKeySet();
  private static final Duration HOOK_GRACE = Duration.ofSeconds(5);

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ManagedProcess::stopAllAtExit, "callpulse-test-servers-stop"));
  }

  private final String name;
  private final Process process;
  private final Path logFile;
  // held so the pipe stays open as long as this object lives: closing it tells the child to exit
  private final OutputStream stdin;

  private ManagedProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.stdin = process.getOutputStream();
  }

  static ManagedProcess start(String name, List<String> command, Path workDir, Path logFile) {
    try {
      Files.createDirectories(logFile.getParent());
      Files.writeString(
          logFile,
          "\n==== " + java.time.Instant.now() + " starting " + String.join(" ", command) + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(Redirect.appendTo(logFile.toFile()))
              .start();
      ManagedProcess managed = new ManagedProcess(name, process, logFile);
      RUNNING.add(managed);
      return managed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command.get(0), e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  Path logFile() {
    return logFile;
  }

  /** The exit code, or -1 while running. */
  int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  boolean waitForExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** SIGTERM, {@code grace} to finish, then SIGKILL. Returns only once the process is gone. */
  void terminate(Duration grace) {
    if (process.isAlive()) {
      process.destroy();
      if (!waitForExit(grace)) {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
      }
    }
    closeStdin();
    RUNNING.remove(this);
  }

  /** SIGKILL at once, as a crash would (tests of recovery use it). */
  void kill() {
    process.destroyForcibly();
    waitForExit(Duration.ofSeconds(30));
    closeStdin();
    RUNNING.remove(this);
  }

  void closeStdin() {
    try {
      stdin.close();
    } catch (IOException ignored) {
      // the process is gone; nothing reads the pipe any more
    }
  }

  private static void stopAllAtExit() {
    List<ManagedProcess> left = new ArrayList<>(RUNNING);
    left.forEach(p -> p.process.destroy());
    for (ManagedProcess p : left) {
      if (!p.waitForExit(HOOK_GRACE)) {
        p.process.destroyForcibly();
      }
    }
  }

  /** The last lines of a log, for failure messages. */
  static String tail(Path file, int lines) {
    try {
      if (!Files.isRegularFile(file)) {
        return "(no log at " + file + ")";
      }
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", log " + logFile + ")";
  }
}
