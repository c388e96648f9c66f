package io.callpulse.testsupport;

import java.nio.file.Path;

/** A test server did not come up; the message names its log and quotes the log's end. */
public final class ServerStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private static final int TAIL_LINES = 30;

  ServerStartException(String what, Path log, Throwable cause) {
    super(
        what + "\n  log: " + log + "\n  last lines:\n" + ManagedProcess.tail(log, TAIL_LINES),
        cause);
  }
}
