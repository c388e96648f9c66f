package io.callpulse.simulator.send;

import io.callpulse.model.NcsSignature;
import io.callpulse.simulator.delivery.Delivery;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import org.HdrHistogram.Histogram;

/**
 * Delivers notifications the way Agora does: one signed POST per notification, anything but 200 is
 * a failure, a failure is resent at most {@code maxRetries} times with growing intervals, and a
 * resend is a new copy with its own {@code notifyMs} (so its signature differs too).
 *
 * <p>All state lives on one Vert.x context, so no locks: the pacer timer, the response handlers and
 * the retry timers all run there.
 */
public final class WebhookSender {
  private static final long PACER_PERIOD_MS = 5;

  private final Vertx vertx;
  private final SenderOptions options;

  public WebhookSender(Vertx vertx, SenderOptions options) {
    this.vertx = vertx;
    this.options = options;
  }

  /**
   * @param onDone called with the plan index of every notification once it is settled
   */
  public Future<SendReport> send(List<Delivery> deliveries, IntConsumer onDone) {
    Promise<SendReport> promise = Promise.promise();
    vertx.runOnContext(v -> new Run(deliveries, onDone, promise).start());
    return promise.future();
  }

  /** One delivery run; lives on the context it was started on. */
  private final class Run {
    private final List<Delivery> deliveries;
    private final IntConsumer onDone;
    private final Promise<SendReport> promise;
    private final WebClient client;
    private final Deque<int[]> dueRetries = new ArrayDeque<>();
    private final Histogram latency = new Histogram(60_000_000L, 3);
    private final TreeMap<Integer, Long> statuses = new TreeMap<>();
    private final TreeMap<String, Long> errors = new TreeMap<>();
    private final List<Integer> notAccepted = new ArrayList<>();
    private long startNanos;
    private long timerId = -1;
    private int next;
    private int inFlight;
    private int settled;
    private long requests;
    private long accepted;
    private long retried;
    private long retries;
    private long rejected;
    private long failed;

    Run(List<Delivery> deliveries, IntConsumer onDone, Promise<SendReport> promise) {
      this.deliveries = deliveries;
      this.onDone = onDone;
      this.promise = promise;
      this.client =
          WebClient.create(
              vertx,
              new WebClientOptions()
                  .setKeepAlive(true)
                  .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.timeoutMs()))
                  .setUserAgent("callpulse-simulator (Agora NCS)"),
              new PoolOptions().setHttp1MaxSize(options.connections()));
    }

    void start() {
      startNanos = System.nanoTime();
      if (deliveries.isEmpty()) {
        finish();
        return;
      }
      timerId = vertx.setPeriodic(PACER_PERIOD_MS, id -> pump());
      pump();
    }

    private void pump() {
      while (inFlight < options.connections()) {
        int[] retry = dueRetries.poll();
        if (retry != null) {
          attempt(retry[0], retry[1]);
        } else if (next < deliveries.size() && mayStartAnother()) {
          attempt(next++, 0);
        } else {
          return;
        }
      }
    }

    /** Token bucket by elapsed time: after t seconds at most rate·t first attempts (plus one). */
    private boolean mayStartAnother() {
      if (options.ratePerSecond() <= 0) {
        return true;
      }
      double elapsed = (System.nanoTime() - startNanos) / 1e9;
      return next < options.ratePerSecond() * elapsed + 1;
    }

    private void attempt(int index, int attempt) {
      Delivery delivery = deliveries.get(index);
      long notifyMs = delivery.notifyMs();
      for (int n = 1; n <= attempt; n++) {
        notifyMs += options.retryDelayMs(n);
      }
      byte[] body = attempt == 0 ? delivery.body() : delivery.body(notifyMs);
      HttpRequest<Buffer> request =
          client
              .postAbs(options.gatewayUrl() + "/" + delivery.appId() + "/webhooks")
              .putHeader("Content-Type", "application/json")
              .timeout(options.timeoutMs());
      String secret = options.secrets().get(delivery.appId());
      if (secret != null) {
        request
            .putHeader(
                NcsSignature.HEADER_V2,
                NcsSignature.sign(secret, body, NcsSignature.Algorithm.SHA256))
            .putHeader(
                NcsSignature.HEADER_V1,
                NcsSignature.sign(secret, body, NcsSignature.Algorithm.SHA1));
      }
      inFlight++;
      requests++;
      long sentNanos = System.nanoTime();
      request
          .sendBuffer(Buffer.buffer(body))
          .onComplete(
              result -> {
                inFlight--;
                latency.recordValue(
                    Math.min(
                        latency.getHighestTrackableValue(),
                        (System.nanoTime() - sentNanos) / 1000));
                if (result.succeeded()) {
                  answered(index, attempt, result.result());
                } else {
                  errors.merge(result.cause().getClass().getSimpleName(), 1L, Long::sum);
                  unanswered(index, attempt);
                }
                pump();
              });
    }

    private void answered(int index, int attempt, HttpResponse<Buffer> response) {
      statuses.merge(response.statusCode(), 1L, Long::sum);
      if (response.statusCode() == 200) {
        accepted++;
        settle(index);
      } else if (!retry(index, attempt)) {
        rejected++;
        notAccepted.add(index);
        settle(index);
      }
    }

    private void unanswered(int index, int attempt) {
      if (!retry(index, attempt)) {
        failed++;
        notAccepted.add(index);
        settle(index);
      }
    }

    private boolean retry(int index, int attempt) {
      if (attempt >= options.maxRetries()) {
        return false;
      }
      if (attempt == 0) {
        retried++;
      }
      retries++;
      int nextAttempt = attempt + 1;
      vertx.setTimer(
          Math.max(1, options.retryDelayMs(nextAttempt)),
          id -> {
            dueRetries.add(new int[] {index, nextAttempt});
            pump();
          });
      return true;
    }

    private void settle(int index) {
      settled++;
      onDone.accept(index);
      if (settled == deliveries.size()) {
        finish();
      }
    }

    private void finish() {
      if (timerId >= 0) {
        vertx.cancelTimer(timerId);
      }
      client.close();
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      notAccepted.sort(null);
      promise.complete(
          new SendReport(
              deliveries.size(),
              requests,
              accepted,
              retried,
              retries,
              rejected,
              failed,
              statuses,
              errors,
              seconds,
              latency.getValueAtPercentile(50),
              latency.getValueAtPercentile(99),
              latency.getMaxValue(),
              notAccepted));
    }
  }
}
