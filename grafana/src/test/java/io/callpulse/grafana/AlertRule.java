package io.callpulse.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One provisioned alert rule: its ClickHouse query and the threshold its condition applies. */
record AlertRule(String group, JsonNode json) {

  static final String EXPRESSION_DATASOURCE = "__expr__";

  String uid() {
    return json.path("uid").asText();
  }

  String title() {
    return json.path("title").asText();
  }

  List<JsonNode> queries() {
    List<JsonNode> queries = new ArrayList<>();
    for (JsonNode data : json.path("data")) {
      if (!data.path("datasourceUid").asText().equals(EXPRESSION_DATASOURCE)) {
        queries.add(data);
      }
    }
    return queries;
  }

  JsonNode conditionNode() {
    String condition = json.path("condition").asText();
    for (JsonNode data : json.path("data")) {
      if (data.path("refId").asText().equals(condition)) {
        return data;
      }
    }
    throw new IllegalStateException(uid() + ": condition " + condition + " is not a refId");
  }

  /** The query's SQL as ClickHouse receives it when the rule is evaluated at {@code now}. */
  String expandedSql(JsonNode query, Instant now) {
    JsonNode range = query.path("relativeTimeRange");
    Instant from = now.minusSeconds(range.path("from").asLong());
    Instant to = now.minusSeconds(range.path("to").asLong());
    Duration interval = Duration.ofMillis(query.path("model").path("intervalMs").asLong(60_000));
    return GrafanaQueryExpander.expand(
        query.path("model").path("rawSql").asText(),
        new QueryContext(from, to, interval, Map.of()));
  }

  /** Whether the threshold expression of the condition fires for {@code value}. */
  boolean fires(BigDecimal value) {
    JsonNode model = conditionNode().path("model");
    JsonNode evaluator = model.path("conditions").path(0).path("evaluator");
    List<BigDecimal> params = new ArrayList<>();
    evaluator.path("params").forEach(p -> params.add(p.decimalValue()));
    return switch (evaluator.path("type").asText()) {
      case "gt" -> value.compareTo(params.get(0)) > 0;
      case "lt" -> value.compareTo(params.get(0)) < 0;
      case "within_range" ->
          value.compareTo(params.get(0)) > 0 && value.compareTo(params.get(1)) < 0;
      case "outside_range" ->
          value.compareTo(params.get(0)) < 0 || value.compareTo(params.get(1)) > 0;
      default -> throw new IllegalStateException(uid() + ": unknown evaluator " + evaluator);
    };
  }
}
