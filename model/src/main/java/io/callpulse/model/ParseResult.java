package io.callpulse.model;

/** Either a validated event or the first problem found; never an exception for bad input. */
public sealed interface ParseResult {
  record Accepted(NcsEvent event) implements ParseResult {}

  record Rejected(Rejection rejection) implements ParseResult {}
}
