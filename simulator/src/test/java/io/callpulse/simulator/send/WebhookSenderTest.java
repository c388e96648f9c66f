package io.callpulse.simulator.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.model.NcsSignature;
import io.callpulse.simulator.Scenario;
import io.callpulse.simulator.delivery.Delivery;
import io.callpulse.simulator.delivery.FaultOptions;
import io.callpulse.simulator.timeline.TenantShape;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class WebhookSenderTest {
  private static final String SECRET = "s3cret";

  private static final List<Delivery> DELIVERIES =
      Scenario.build(
              new TenantShape(
                  3, 2, 2, Instant.parse("2024-05-01T10:00:00Z").getEpochSecond(), 1800),
              FaultOptions.none())
          .plan()
          .deliveries();

  /** What the test gateway does with a notification, by its position in the plan. */
  enum Behaviour {
    OK,
    /** 503, 503, then 200 */
    FLAKY,
    /** always 500 */
    BROKEN
  }

  private static Behaviour behaviour(int index) {
    return index % 7 == 3 ? Behaviour.FLAKY : index % 11 == 5 ? Behaviour.BROKEN : Behaviour.OK;
  }

  @Test
  void retriesLikeAgoraAtMostThreeTimesWithFreshSignedCopies(Vertx vertx, VertxTestContext ctx) {
    Map<String, Integer> indexOf = new HashMap<>();
    for (int i = 0; i < DELIVERIES.size(); i++) {
      indexOf.put(DELIVERIES.get(i).noticeId(), i);
    }
    Map<String, List<Long>> notifyMsByNotice = new HashMap<>();
    AtomicInteger badRequests = new AtomicInteger();
    Map<String, String> secrets = new HashMap<>();
    DELIVERIES.forEach(d -> secrets.put(d.appId(), SECRET));

    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            buffer -> {
                              byte[] body = buffer.getBytes();
                              JsonObject json = buffer.toJsonObject();
                              String noticeId = json.getString("noticeId");
                              Delivery sent = DELIVERIES.get(indexOf.get(noticeId));
                              boolean signed =
                                  NcsSignature.verify(
                                              List.of(SECRET),
                                              body,
                                              request.getHeader(NcsSignature.HEADER_V2),
                                              null)
                                          == NcsSignature.Verdict.VALID_V2
                                      && NcsSignature.verify(
                                              List.of(SECRET),
                                              body,
                                              null,
                                              request.getHeader(NcsSignature.HEADER_V1))
                                          == NcsSignature.Verdict.VALID_V1;
                              if (!signed
                                  || !request.path().equals("/" + sent.appId() + "/webhooks")) {
                                badRequests.incrementAndGet();
                              }
                              List<Long> attempts =
                                  notifyMsByNotice.computeIfAbsent(
                                      noticeId, k -> new ArrayList<>());
                              attempts.add(json.getLong("notifyMs"));
                              int status =
                                  switch (behaviour(indexOf.get(noticeId))) {
                                    case OK -> 200;
                                    case FLAKY -> attempts.size() < 3 ? 503 : 200;
                                    case BROKEN -> 500;
                                  };
                              request.response().setStatusCode(status).end("{}");
                            }));
    server
        .listen(0, "127.0.0.1")
        .compose(
            listening -> {
              SenderOptions options =
                  new SenderOptions(
                      "http://127.0.0.1:" + listening.actualPort() + "/",
                      0,
                      4,
                      3,
                      1,
                      5_000,
                      secrets);
              return new WebhookSender(vertx, options).send(DELIVERIES, i -> {});
            })
        .onComplete(
            ctx.succeeding(
                report ->
                    ctx.verify(
                        () -> {
                          int flaky = 0;
                          int broken = 0;
                          List<Integer> brokenIndexes = new ArrayList<>();
                          for (int i = 0; i < DELIVERIES.size(); i++) {
                            List<Long> attempts =
                                notifyMsByNotice.get(DELIVERIES.get(i).noticeId());
                            Behaviour behaviour = behaviour(i);
                            int expectedAttempts =
                                switch (behaviour) {
                                  case OK -> 1;
                                  case FLAKY -> 3;
                                  case BROKEN -> 4;
                                };
                            assertEquals(expectedAttempts, attempts.size(), "attempts of " + i);
                            for (int a = 1; a < attempts.size(); a++) {
                              assertTrue(attempts.get(a) > attempts.get(a - 1), "resend notifyMs");
                            }
                            if (behaviour == Behaviour.FLAKY) {
                              flaky++;
                            } else if (behaviour == Behaviour.BROKEN) {
                              broken++;
                              brokenIndexes.add(i);
                            }
                          }
                          assertTrue(flaky > 0 && broken > 0);
                          assertEquals(0, badRequests.get(), "unsigned or misrouted requests");
                          assertEquals(DELIVERIES.size(), report.deliveries());
                          assertEquals(DELIVERIES.size() - broken, report.accepted());
                          assertEquals(broken, report.rejected());
                          assertEquals(0, report.failed());
                          assertEquals(flaky + broken, report.retriedDeliveries());
                          assertEquals(2L * flaky + 3L * broken, report.retries());
                          assertEquals(DELIVERIES.size() + report.retries(), report.requests());
                          assertEquals(brokenIndexes, report.notAccepted());
                          assertTrue(report.p99Micros() >= report.p50Micros());
                          ctx.completeNow();
                        })));
  }

  @Test
  void unreachableGatewayFailsAfterThreeRetries(Vertx vertx, VertxTestContext ctx) {
    List<Delivery> few = DELIVERIES.subList(0, 3);
    // Bind, learn the port, close: nothing listens there any more.
    vertx
        .createHttpServer()
        .requestHandler(r -> r.response().end())
        .listen(0, "127.0.0.1")
        .compose(server -> server.close().map(v -> server.actualPort()))
        .compose(
            port ->
                new WebhookSender(
                        vertx,
                        new SenderOptions("http://127.0.0.1:" + port, 50, 2, 3, 1, 2_000, Map.of()))
                    .send(few, i -> {}))
        .onComplete(
            ctx.succeeding(
                report ->
                    ctx.verify(
                        () -> {
                          assertEquals(3, report.failed());
                          assertEquals(0, report.accepted());
                          assertEquals(3 * 4, report.requests());
                          assertEquals(List.of(0, 1, 2), report.notAccepted());
                          assertTrue(!report.errors().isEmpty());
                          ctx.completeNow();
                        })));
  }
}
