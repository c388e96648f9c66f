package io.callpulse.notifier.delivery;

import io.callpulse.notifier.subscription.Subscription;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes one signed POST. The timeout bounds the whole attempt (connect + request + response body),
 * not only idle time, so a receiver that trickles bytes cannot hold a permit forever. Redirects are
 * not followed: a subscription's URL is the only place its events go.
 */
public final class WebhookSender {

  /** Enough of an error body to understand it in the audit, not enough to store a page. */
  static final int MAX_ERROR_BODY = 512;

  private final Vertx vertx;
  private final HttpClient client;
  private final long timeoutMs;
  private final Clock clock;

  public WebhookSender(Vertx vertx, HttpClient client, long timeoutMs, Clock clock) {
    this.vertx = vertx;
    this.client = client;
    this.timeoutMs = timeoutMs;
    this.clock = clock;
  }

  /** Never fails: every problem becomes an {@link AttemptResult} with status 0. */
  public Future<AttemptResult> send(Subscription subscription, String webhookId, byte[] body) {
    Promise<AttemptResult> result = Promise.promise();
    long started = System.nanoTime();
    Instant now = clock.instant();
    long timestamp = now.getEpochSecond();
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(subscription.url())
            .setFollowRedirects(false)
            .putHeader("content-type", "application/json")
            .putHeader("user-agent", "CallPulse-Notifier/1")
            .putHeader(WebhookSigner.ID_HEADER, webhookId)
            .putHeader(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
            .putHeader(
                WebhookSigner.SIGNATURE_HEADER,
                WebhookSigner.sign(subscription.secrets().get(0), webhookId, timestamp, body));
    AtomicReference<HttpClientRequest> request = new AtomicReference<>();
    long timer =
        vertx.setTimer(
            timeoutMs,
            id -> {
              if (result.tryComplete(
                  AttemptResult.noResponse(
                      elapsedMs(started), "timeout after " + timeoutMs + " ms"))) {
                HttpClientRequest inFlight = request.get();
                if (inFlight != null) {
                  inFlight.reset();
                }
              }
            });
    client
        .request(options)
        .compose(
            req -> {
              request.set(req);
              if (result.future().isComplete()) {
                req.reset();
                return Future.failedFuture("timed out before sending");
              }
              return req.send(Buffer.buffer(body));
            })
        .compose(response -> readResponse(response, started, now))
        .onComplete(
            done -> {
              vertx.cancelTimer(timer);
              result.tryComplete(
                  done.succeeded()
                      ? done.result()
                      : AttemptResult.noResponse(elapsedMs(started), describe(done.cause())));
            });
    return result.future();
  }

  private Future<AttemptResult> readResponse(
      HttpClientResponse response, long started, Instant sentAt) {
    Promise<AttemptResult> read = Promise.promise();
    Buffer head = Buffer.buffer();
    response.handler(
        chunk -> {
          int room = MAX_ERROR_BODY - head.length();
          if (room > 0) {
            head.appendBuffer(chunk.length() <= room ? chunk : chunk.slice(0, room));
          }
        });
    response.exceptionHandler(read::tryFail);
    response.endHandler(
        v -> {
          int status = response.statusCode();
          String error =
              status >= 200 && status < 300
                  ? ""
                  : "HTTP " + status + ": " + head.toString(StandardCharsets.UTF_8).strip();
          read.tryComplete(
              new AttemptResult(
                  status,
                  elapsedMs(started),
                  error,
                  RetryAfter.parse(response.getHeader("retry-after"), sentAt)));
        });
    return read.future();
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static long elapsedMs(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
