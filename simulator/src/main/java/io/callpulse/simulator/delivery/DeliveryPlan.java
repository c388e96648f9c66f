package io.callpulse.simulator.delivery;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Agora will send, in sending order (by {@code notifyMs}), and which true events it will never
 * send.
 */
public record DeliveryPlan(List<Delivery> deliveries, FaultReport report) {
  public DeliveryPlan {
    deliveries = List.copyOf(deliveries);
  }

  public Set<String> lostEventKeys() {
    return new TreeSet<>(report.lostEventKeys());
  }
}
