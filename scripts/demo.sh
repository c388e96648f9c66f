#!/usr/bin/env bash
# ./callpulse demo: the whole pipeline on simulated Agora traffic, checked against the simulator's
# ground truth. Leaves the stack running (unless --exit) and prints where to look.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/lib/common.sh"
source "$ROOT/scripts/lib/install.sh"
source "$ROOT/scripts/lib/services.sh"

exit_after=0
seed="${CALLPULSE_DEMO_SEED:-20261123}"
while [[ $# -gt 0 ]]; do
  case "$1" in
  --exit) exit_after=1 ;;
  --seed) seed="$2"; shift ;;
  *) die "unknown option $1 (see ./callpulse demo --help)" ;;
  esac
  shift
done

"$ROOT/callpulse" up
demo_dir="$WORK/demo/run-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$demo_dir"

step "Sending simulated multi-tenant Agora traffic through the gateway (seed $seed; duplicates, reordering, losses, early destroys, health checks and other products on)"
# The demo tenants and their NCS secrets are declared in config/gateway-local.yaml (local use only).
java $(java_opts) -jar "$ROOT/simulator/target/callpulse-simulator.jar" run \
  --seed "$seed" --channels "${CALLPULSE_DEMO_CHANNELS:-15}" --duration "${CALLPULSE_DEMO_DURATION:-2h}" \
  --gateway-url "http://127.0.0.1:$CALLPULSE_GATEWAY_PORT" \
  --app-id demo-app-1 --app-id demo-app-2 --app-id demo-app-3 \
  --secret demo-app-1=demo-secret-1 --secret demo-app-2=demo-secret-2 --secret demo-app-3=demo-secret-3 \
  --expected-out "$demo_dir/expected.json"

step "Waiting for the pipeline's results in ClickHouse and comparing them with the ground truth"
deadline=$((SECONDS + ${CALLPULSE_DEMO_TIMEOUT:-180}))
compare() {
  CALLPULSE_CLICKHOUSE_PASSWORD="$(clickhouse_password)" java $(java_opts) \
    -jar "$ROOT/simulator/target/callpulse-simulator.jar" compare \
    --expected "$demo_dir/expected.json" \
    --url "jdbc:clickhouse:http://127.0.0.1:$CALLPULSE_CLICKHOUSE_HTTP_PORT/$CALLPULSE_CLICKHOUSE_DATABASE" \
    --user "$CALLPULSE_CLICKHOUSE_USER" --password-env CALLPULSE_CLICKHOUSE_PASSWORD "$@"
}
until compare >"$demo_dir/comparison.txt" 2>&1; do
  if ((SECONDS > deadline)); then
    compare || true
    die "the pipeline's figures did not match the ground truth within the timeout. Logs: ./callpulse logs flink"
  fi
  sleep 3
done
cat "$demo_dir/comparison.txt"
ok "every figure in ClickHouse matches the ground truth"
step "Asking the query API for the same figures"
# The local API keys of config/query-api-local.yaml (demo only; never use them elsewhere).
api_keys=()
for n in 1 2 3; do api_keys+=(--api-key-env "demo-app-$n=CALLPULSE_DEMO_API_KEY_$n"); done
if ! CALLPULSE_DEMO_API_KEY_1=demo-key-1-local-only CALLPULSE_DEMO_API_KEY_2=demo-key-2-local-only \
  CALLPULSE_DEMO_API_KEY_3=demo-key-3-local-only java $(java_opts) \
  -jar "$ROOT/simulator/target/callpulse-simulator.jar" compare --expected "$demo_dir/expected.json" \
  --api-url "http://127.0.0.1:$CALLPULSE_API_PORT" "${api_keys[@]}" >"$demo_dir/api-comparison.txt" 2>&1; then
  grep -E ' NO$|error' "$demo_dir/api-comparison.txt" | head -n 30 >&2 || true
  die "the query API's figures differ from the ground truth; see $demo_dir/api-comparison.txt"
fi
tail -n 1 "$demo_dir/api-comparison.txt"
ok "every figure the query API serves matches the ground truth"
echo
info "Query API:   curl -H 'Authorization: Bearer demo-key-1-local-only' http://127.0.0.1:$CALLPULSE_API_PORT/api/channels/demo-app-1"
info "ClickHouse:  http://127.0.0.1:$CALLPULSE_CLICKHOUSE_HTTP_PORT/play (user $CALLPULSE_CLICKHOUSE_USER, password in $WORK/config/clickhouse.password)"
info "Flink:       http://127.0.0.1:$CALLPULSE_FLINK_REST_PORT/jobs/overview"
info "Grafana:     run the stack with docker compose (see README) to get the dashboards"
info "Results:     $demo_dir"
if ((exit_after)); then
  "$ROOT/callpulse" down
else
  info "The stack keeps running; stop it with ./callpulse down"
fi
