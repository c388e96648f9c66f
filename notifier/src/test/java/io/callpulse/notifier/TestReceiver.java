package io.callpulse.notifier;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A partner endpoint on a free port that fails as scripted and checks every request's Standard
 * Webhooks signature itself (its own HMAC code, not the notifier's signer). Like a real receiver it
 * dedupes on webhook-id: {@link #delivered()} is what the partner acted on.
 */
public final class TestReceiver implements AutoCloseable {

  /** How to answer the {@code nth} (1-based) request carrying a given webhook-id. */
  public interface Script {
    Reply reply(String webhookId, int nth);
  }

  public record Reply(int status, long delayMs, String retryAfter) {
    public static Reply status(int status) {
      return new Reply(status, 0, null);
    }

    public static Reply ok() {
      return status(204);
    }
  }

  public record Request(
      String webhookId,
      long timestamp,
      String signature,
      boolean signatureValid,
      int status,
      String body) {}

  private final Vertx vertx;
  private final HttpServer server;
  private final List<String> secrets;
  private volatile Script script;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> countById = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> successesById = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  private TestReceiver(Vertx vertx, List<String> secrets, Script script) throws Exception {
    this.vertx = vertx;
    this.secrets = List.copyOf(secrets);
    this.script = script;
    this.server =
        vertx
            .createHttpServer()
            .requestHandler(this::handle)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  public static TestReceiver start(List<String> secrets, Script script) throws Exception {
    return new TestReceiver(Vertx.vertx(), secrets, script);
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/hooks";
  }

  public void script(Script newScript) {
    this.script = newScript;
  }

  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  public int requestsFor(String webhookId) {
    AtomicInteger count = countById.get(webhookId);
    return count == null ? 0 : count.get();
  }

  /** The webhook-ids acted on: answered 2xx at least once. */
  public Set<String> delivered() {
    return Set.copyOf(successesById.keySet());
  }

  /** How many times each id was answered 2xx (the partner's dedupe makes extra ones harmless). */
  public Map<String, Integer> successesById() {
    Map<String, Integer> copy = new java.util.TreeMap<>();
    successesById.forEach((id, n) -> copy.put(id, n.get()));
    return copy;
  }

  public int maxInFlight() {
    return maxInFlight.get();
  }

  private void handle(HttpServerRequest request) {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    request
        .body()
        .onComplete(
            body -> {
              if (body.failed()) {
                inFlight.decrementAndGet();
                return;
              }
              String id = request.getHeader("webhook-id");
              String timestamp = request.getHeader("webhook-timestamp");
              byte[] bytes = body.result().getBytes();
              boolean valid = verify(id, timestamp, bytes, request.getHeader("webhook-signature"));
              int nth =
                  countById
                      .computeIfAbsent(String.valueOf(id), k -> new AtomicInteger())
                      .incrementAndGet();
              Reply reply = valid ? script.reply(id, nth) : Reply.status(401);
              long ts =
                  timestamp == null || !timestamp.matches("\\d+") ? 0 : Long.parseLong(timestamp);
              requests.add(
                  new Request(
                      id,
                      ts,
                      request.getHeader("webhook-signature"),
                      valid,
                      reply.status(),
                      new String(bytes, StandardCharsets.UTF_8)));
              Runnable respond =
                  () -> {
                    inFlight.decrementAndGet();
                    if (reply.status() >= 200 && reply.status() < 300) {
                      successesById.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    }
                    if (reply.retryAfter() != null) {
                      request.response().putHeader("retry-after", reply.retryAfter());
                    }
                    request
                        .response()
                        .setStatusCode(reply.status())
                        .end("scripted " + reply.status());
                  };
              if (reply.delayMs() > 0) {
                vertx.setTimer(reply.delayMs(), t -> respond.run());
              } else {
                respond.run();
              }
            });
  }

  /** The Standard Webhooks check as a partner would write it, with a 5-minute tolerance. */
  private boolean verify(String id, String timestamp, byte[] body, String header) {
    if (id == null || timestamp == null || header == null || !timestamp.matches("\\d{1,12}")) {
      return false;
    }
    if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
      return false;
    }
    try {
      for (String secret : secrets) {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(
            new SecretKeySpec(
                Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected =
            mac.doFinal(
                (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
        for (String signature : header.split(" ")) {
          if (signature.startsWith("v1,")
              && MessageDigest.isEqual(
                  expected, Base64.getDecoder().decode(signature.substring(3)))) {
            return true;
          }
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
