package io.callpulse.gateway.hooks;

/** One check of a generic source; a source's validators are combined with AND. */
public interface HookValidator {
  /**
   * @return null when the request passes, otherwise the refusal
   */
  Refusal check(HookRequest request);

  /** The validator's type, recorded in the {@code cp-signature} header of accepted records. */
  String type();
}
