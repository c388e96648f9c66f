package io.callpulse.simulator;

/** The simulator's exit codes; README and {@code --help} list them. */
public final class ExitCodes {
  public static final int OK = 0;

  /** compare: at least one asserted figure differs (or an expected row is missing). */
  public static final int MISMATCH = 1;

  /** Invalid command line (picocli's own code). */
  public static final int USAGE = 2;

  /** run: some notifications were not accepted even after Agora's retries. */
  public static final int NOT_ALL_ACCEPTED = 3;

  /** I/O, connection or unexpected error. */
  public static final int ERROR = 4;

  private ExitCodes() {}
}
