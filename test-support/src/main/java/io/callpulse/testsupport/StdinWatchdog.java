package io.callpulse.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of a child JVM that must not outlive its parent: runs {@code args[0]}'s main with the
 * remaining arguments and exits when standard input reaches end of file, which happens when the
 * parent JVM dies, even by SIGKILL. {@code System.exit} runs the child's shutdown hooks, so a Kafka
 * broker still shuts down in an orderly way.
 *
 * <p>Java twin of the {@code --watch-stdin} option of {@code tools/clickhouse/chdb-server.c}.
 */
public final class StdinWatchdog {

  private StdinWatchdog() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: StdinWatchdog <main class> [args...]");
      System.exit(2);
    }
    Thread watcher = new Thread(StdinWatchdog::exitAtEndOfInput, "stdin-watchdog");
    watcher.setDaemon(true);
    watcher.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }

  private static void exitAtEndOfInput() {
    byte[] buffer = new byte[256];
    InputStream in = System.in;
    try {
      while (in.read(buffer) >= 0) {
        // the parent never writes; reading only detects its end
      }
    } catch (IOException e) {
      // a broken pipe means the same thing as end of file
    }
    System.err.println(
        "StdinWatchdog: stdin closed (parent JVM gone or stopping this process), exiting");
    System.exit(0);
  }
}
