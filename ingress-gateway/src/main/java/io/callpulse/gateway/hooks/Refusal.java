package io.callpulse.gateway.hooks;

import io.callpulse.gateway.Outcome;

/** Why a validator refused a request; {@code field} is set for a missing JSON field. */
public record Refusal(Outcome outcome, String field, String problem) {
  public static Refusal unauthorized(String problem) {
    return new Refusal(Outcome.UNAUTHORIZED, null, problem);
  }
}
