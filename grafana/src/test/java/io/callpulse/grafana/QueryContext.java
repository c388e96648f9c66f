package io.callpulse.grafana;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What Grafana sends with a panel query: the dashboard time range, the interval it computed for the
 * panel, and the variables' current values.
 */
record QueryContext(
    Instant from, Instant to, Duration interval, Map<String, VariableValue> variables) {

  QueryContext {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("time range ends before it starts: " + from + " " + to);
    }
    variables = Map.copyOf(variables);
  }
}
