package io.callpulse.notifier.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What {@code /ready} reports: named checks, each giving a problem or null when fine. Checks are
 * registered as the parts start; a check not registered yet reports {@code starting}.
 */
public final class Readiness {

  private final Map<String, Supplier<String>> checks = new LinkedHashMap<>();
  private volatile boolean stopping;

  /**
   * @param names the checks that must pass, in the order the JSON lists them
   */
  public Readiness(String... names) {
    for (String name : names) {
      checks.put(name, () -> "starting");
    }
  }

  public synchronized void check(String name, Supplier<String> problemOrNull) {
    checks.put(name, problemOrNull);
  }

  /** From now on not ready: the notifier is shutting down. */
  public void stopping() {
    stopping = true;
  }

  public boolean isStopping() {
    return stopping;
  }

  /** Each check's problem, or {@code "up"}. */
  public synchronized Map<String, String> states() {
    Map<String, String> states = new LinkedHashMap<>();
    checks.forEach(
        (name, check) -> {
          String problem;
          try {
            problem = check.get();
          } catch (RuntimeException e) {
            problem = "check failed: " + e;
          }
          states.put(name, problem == null ? "up" : problem);
        });
    return states;
  }
}
