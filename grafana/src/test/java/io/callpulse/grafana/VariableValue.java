package io.callpulse.grafana;

import java.util.List;

/** The current value a test gives a dashboard variable, as Grafana would hold it. */
sealed interface VariableValue {

  /**
   * What the ClickHouse plugin's {@code $__conditionalAll} compares: {@code
   * current.value.toString()}.
   */
  String currentValueString();

  /** A single value: a text box, a single-select variable, the datasource. */
  record Single(String value) implements VariableValue {
    @Override
    public String currentValueString() {
      return value;
    }
  }

  /** Several values of a multi-select variable. */
  record Multi(List<String> values) implements VariableValue {
    public Multi {
      values = List.copyOf(values);
    }

    @Override
    public String currentValueString() {
      return String.join(",", values);
    }
  }

  /**
   * "All" selected: Grafana stores {@code $__all} and, when the variable has no custom all value,
   * substitutes every option's value.
   */
  record All(List<String> options, String allValue) implements VariableValue {
    public All {
      options = List.copyOf(options);
    }

    @Override
    public String currentValueString() {
      return GrafanaQueryExpander.ALL;
    }
  }

  static VariableValue single(String value) {
    return new Single(value);
  }

  static VariableValue multi(String... values) {
    return new Multi(List.of(values));
  }

  static VariableValue all(List<String> options) {
    return new All(options, null);
  }
}
