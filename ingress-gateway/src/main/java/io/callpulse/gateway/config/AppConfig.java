package io.callpulse.gateway.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One Agora project. Agora shows a secret per product of a project, so secrets are keyed by
 * productId; several secrets per product are active at once while one is rotated. The key {@code *}
 * holds secrets tried for products without their own entry.
 */
public record AppConfig(
    String appId, Map<String, List<String>> secrets, SignatureMode signature, RateLimit rateLimit) {

  public static final String ANY_PRODUCT = "*";

  public AppConfig {
    secrets = Map.copyOf(secrets);
  }

  /** The secrets that may have signed a notification of this product. */
  public List<String> secretsFor(int productId) {
    List<String> own = secrets.get(Integer.toString(productId));
    return own != null ? own : secrets.getOrDefault(ANY_PRODUCT, List.of());
  }

  /**
   * Every secret of the app: a body too broken to name its product is still authenticated before
   * the gateway tells the caller what is wrong with it.
   */
  public List<String> allSecrets() {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    secrets.values().forEach(all::addAll);
    return new ArrayList<>(all);
  }

  AppConfig withAppId(String id) {
    return new AppConfig(id, secrets, signature, rateLimit);
  }

  /** Secrets are counted, never printed. */
  @Override
  public String toString() {
    StringBuilder counts = new StringBuilder();
    secrets.forEach(
        (product, list) ->
            counts
                .append(counts.length() == 0 ? "" : ", ")
                .append(product)
                .append('=')
                .append(list.size())
                .append(" secret(s)"));
    return "AppConfig[appId="
        + appId
        + ", secrets={"
        + counts
        + "}, signature="
        + signature.wireName()
        + ", rateLimit="
        + rateLimit
        + "]";
  }
}
