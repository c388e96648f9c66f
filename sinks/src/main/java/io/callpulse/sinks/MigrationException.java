package io.callpulse.sinks;

/** A migration cannot be applied, or the database's history disagrees with the migration files. */
public class MigrationException extends RuntimeException {
  public MigrationException(String message) {
    super(message);
  }

  public MigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
