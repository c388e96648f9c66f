package io.callpulse.jobs.functions;

import io.callpulse.jobs.records.DeadLetterRow;
import io.callpulse.jobs.records.IngestRecord;
import io.callpulse.jobs.records.IngestedEvent;
import io.callpulse.model.NcsEvent;
import io.callpulse.model.NcsParser;
import io.callpulse.model.ParseResult;
import io.callpulse.model.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Validates each raw body with {@link NcsParser} (the same validation as the gateway); refused
 * bodies become dead-letter rows and count in the metric {@code deadLetters_<reason>}.
 */
public class ParseNcsEvent extends ProcessFunction<IngestRecord, IngestedEvent> {
  private static final long serialVersionUID = 1L;

  private transient Map<String, Counter> rejections;

  @Override
  public void open(Configuration parameters) {
    rejections = new HashMap<>();
    for (String reason :
        new String[] {
          Rejection.NOT_JSON,
          Rejection.NOT_OBJECT,
          Rejection.MISSING_FIELD,
          Rejection.WRONG_TYPE,
          Rejection.OUT_OF_RANGE
        }) {
      rejections.put(reason, counter(reason));
    }
  }

  private Counter counter(String reason) {
    return getRuntimeContext().getMetricGroup().counter("deadLetters_" + reason);
  }

  @Override
  public void processElement(IngestRecord in, Context ctx, Collector<IngestedEvent> out) {
    String body = new String(in.body(), StandardCharsets.UTF_8);
    ParseResult result = NcsParser.parse(in.body(), in.appId(), in.receivedAtMs(), in.ingestId());
    if (result instanceof ParseResult.Accepted accepted) {
      NcsEvent event = accepted.event();
      if (in.healthCheck() && !event.healthCheck()) {
        event = event.asHealthCheck(); // the gateway recognised the console's test
      }
      out.collect(new IngestedEvent(event, body));
    } else if (result instanceof ParseResult.Rejected rejected) {
      Rejection r = rejected.rejection();
      rejections.computeIfAbsent(r.reason(), this::counter).inc();
      ctx.output(
          AnalyticsOutputs.DEAD_LETTERS,
          new DeadLetterRow(
              in.appId(),
              in.ingestId(),
              in.receivedAtMs(),
              r.reason(),
              r.field(),
              r.problem(),
              body));
    }
  }
}
