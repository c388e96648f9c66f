#!/usr/bin/env bash
# ./callpulse bench gateway|pipeline — benchmarks of the hot paths; each prints its own figures.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/lib/common.sh"
source "$ROOT/scripts/lib/install.sh"
source "$ROOT/scripts/lib/services.sh"

usage() {
  cat <<EOF
Usage: ./callpulse bench <gateway|pipeline> [options passed to the benchmark]
  gateway   signed NCS webhooks at rising rates against the real gateway with the local Kafka broker,
            and against a bare Vert.x endpoint in the same run: req/s, p50/p99/p99.9, errors, ratio
  pipeline  events/s through the analytics job (RocksDB, exactly-once) from a pre-filled topic, the
            heap backend as a ratio, and end-to-end latency Kafka append -> ClickHouse visible
CALLPULSE_BENCH_JAVA_OPTS adds JVM options to either benchmark's JVM, e.g. a profiler agent or
-XX:StartFlightRecording=filename=bench.jfr
EOF
}

wants_help() { # args...: true when the benchmark is only asked for its usage
  local a
  for a in "$@"; do [[ "$a" == --help || "$a" == -h ]] && return 0; done
  return 1
}

what="${1:-}"
shift || true
case "$what" in
gateway)
  install_all
  wants_help "$@" || service_up kafka
  java -Xmx1g $(java_opts) ${CALLPULSE_BENCH_JAVA_OPTS:-} -cp "$ROOT/ingress-gateway/target/callpulse-gateway.jar" \
    io.callpulse.gateway.bench.GatewayBench --kafka-bootstrap "$(kafka_endpoint)" "$@"
  ;;
pipeline)
  install_all
  if wants_help "$@"; then
    exec java $(java_opts) -cp "$(runner_classpath)" io.callpulse.jobs.bench.PipelineBench --help
  fi
  service_up kafka
  service_up clickhouse
  CALLPULSE_CLICKHOUSE_PASSWORD="$(clickhouse_password)" java -Xmx3g $(java_opts) ${CALLPULSE_BENCH_JAVA_OPTS:-} -cp "$(runner_classpath)" \
    io.callpulse.jobs.bench.PipelineBench --kafka-bootstrap "$(kafka_endpoint)" \
    --clickhouse-url "jdbc:clickhouse:http://127.0.0.1:$CALLPULSE_CLICKHOUSE_HTTP_PORT/$CALLPULSE_CLICKHOUSE_DATABASE" \
    --clickhouse-user "$CALLPULSE_CLICKHOUSE_USER" "$@"
  ;;
--help | -h | "") usage ;;
*) usage >&2; die "unknown benchmark '$what'" ;;
esac
