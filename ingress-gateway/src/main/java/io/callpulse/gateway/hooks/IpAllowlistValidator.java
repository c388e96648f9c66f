package io.callpulse.gateway.hooks;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.callpulse.gateway.Outcome;
import java.util.ArrayList;
import java.util.List;

/** The peer (or trusted X-Forwarded-For) address must be in one of the blocks: 403 otherwise. */
final class IpAllowlistValidator implements HookValidator {
  private final List<IPAddress> blocks = new ArrayList<>();

  IpAllowlistValidator(List<String> cidrs) {
    for (String cidr : cidrs) {
      // validated by the config loader
      blocks.add(new IPAddressString(cidr).getAddress());
    }
  }

  @Override
  public Refusal check(HookRequest request) {
    IPAddress address = new IPAddressString(request.sourceIp()).getAddress();
    if (address != null) {
      for (IPAddress block : blocks) {
        if (block.contains(address)) {
          return null;
        }
      }
    }
    return new Refusal(Outcome.FORBIDDEN, null, "source address is not allowed");
  }

  @Override
  public String type() {
    return "ip-allowlist";
  }
}
