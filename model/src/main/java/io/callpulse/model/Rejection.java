package io.callpulse.model;

/**
 * Why a notification was refused: the JSON path of the offending field ("payload.uid", or "body"
 * for the document as a whole) and a sentence a tenant can act on. {@code reason} is a stable code
 * for counters and dead letters.
 */
public record Rejection(String reason, String field, String problem) {
  public static final String NOT_JSON = "not_json";
  public static final String NOT_OBJECT = "not_object";
  public static final String MISSING_FIELD = "missing_field";
  public static final String WRONG_TYPE = "wrong_type";
  public static final String OUT_OF_RANGE = "out_of_range";

  @Override
  public String toString() {
    return reason + " " + field + ": " + problem;
  }
}
