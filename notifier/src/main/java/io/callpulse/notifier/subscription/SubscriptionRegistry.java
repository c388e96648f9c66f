package io.callpulse.notifier.subscription;

import io.callpulse.notifier.event.OutboundEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The subscriptions in effect: replaced as a whole when the file is reloaded, read by the consumer
 * thread without locks.
 *
 * <p>An endpoint that answered 410 Gone is disabled here, for its URL: editing the subscription's
 * URL in the file enables it again. The mark lives in memory only (a restart forgets it; the
 * endpoint then answers 410 once more), operators make it permanent with {@code enabled: false}.
 */
public final class SubscriptionRegistry {

  private final AtomicReference<Map<String, Subscription>> byId = new AtomicReference<>(Map.of());
  private final Map<String, String> goneUrlById = new ConcurrentHashMap<>();

  public SubscriptionRegistry(List<Subscription> subscriptions) {
    replace(subscriptions);
  }

  public void replace(List<Subscription> subscriptions) {
    Map<String, Subscription> map = new LinkedHashMap<>();
    for (Subscription s : subscriptions) {
      if (map.put(s.id(), s) != null) {
        throw new IllegalArgumentException("two subscriptions have the id " + s.id());
      }
    }
    byId.set(Map.copyOf(map));
  }

  /** The enabled subscriptions of the event's app that want its type. */
  public List<Subscription> matching(OutboundEvent event) {
    return byId.get().values().stream()
        .filter(s -> s.appId().equals(event.appId()) && s.wants(event.type()) && isActive(s))
        .sorted((a, b) -> a.id().compareTo(b.id()))
        .toList();
  }

  public Optional<Subscription> find(String id) {
    return Optional.ofNullable(byId.get().get(id));
  }

  public boolean isActive(Subscription s) {
    return s.enabled() && !s.url().equals(goneUrlById.get(s.id()));
  }

  /** The endpoint answered 410 Gone: send it nothing more until its URL changes. */
  public void markGone(Subscription s) {
    goneUrlById.put(s.id(), s.url());
  }

  public List<Subscription> all() {
    return List.copyOf(byId.get().values());
  }
}
