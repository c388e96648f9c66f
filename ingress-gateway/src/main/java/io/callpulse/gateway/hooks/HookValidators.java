package io.callpulse.gateway.hooks;

import io.callpulse.gateway.config.ValidatorSpec;
import java.time.Clock;
import java.util.List;

/** Builds a source's validators from its configuration. */
public final class HookValidators {
  private HookValidators() {}

  public static List<HookValidator> of(List<ValidatorSpec> specs, Clock clock) {
    return specs.stream().map(spec -> of(spec, clock)).toList();
  }

  static HookValidator of(ValidatorSpec spec, Clock clock) {
    if (spec instanceof ValidatorSpec.StaticToken t) {
      return TokenValidators.staticToken(t.header(), t.tokens());
    } else if (spec instanceof ValidatorSpec.Bearer b) {
      return TokenValidators.bearer(b.tokens());
    } else if (spec instanceof ValidatorSpec.Basic b) {
      return TokenValidators.basic(b.users());
    } else if (spec instanceof ValidatorSpec.Hmac h) {
      return new HmacValidator(h);
    } else if (spec instanceof ValidatorSpec.StandardWebhooks s) {
      return new StandardWebhooksValidator(s, clock);
    } else if (spec instanceof ValidatorSpec.IpAllowlist ip) {
      return new IpAllowlistValidator(ip.cidrs());
    } else if (spec instanceof ValidatorSpec.JsonFields f) {
      return new JsonFieldsValidator(f.pointers());
    }
    throw new IllegalArgumentException("no validator for " + spec.type());
  }
}
