#!/usr/bin/env bash
# Stack test: `up` starts every service healthy; `kill -9` of any one followed by `up` recovers it
# (the Flink job from its latest retained checkpoint); `down` leaves no process. Runs on its own data
# folder and free ports, so a developer's running stack is not touched.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
    echo $((20000 + RANDOM % 20000))
}

export CALLPULSE_HOME="${CALLPULSE_STACK_TEST_HOME:-$ROOT/.callpulse/stack-test}"
rm -rf "$CALLPULSE_HOME"
export CALLPULSE_KAFKA_PORT="$(free_port)" CALLPULSE_KAFKA_CONTROLLER_PORT="$(free_port)"
export CALLPULSE_CLICKHOUSE_HTTP_PORT="$(free_port)" CALLPULSE_CLICKHOUSE_TCP_PORT="$(free_port)"
export CALLPULSE_FLINK_REST_PORT="$(free_port)" CALLPULSE_GATEWAY_PORT="$(free_port)" CALLPULSE_API_PORT="$(free_port)"
export CALLPULSE_FLINK_HEAP=1g CALLPULSE_KAFKA_HEAP=512m CALLPULSE_CHECKPOINT_INTERVAL_MS=2000
# The build was just done by the test run; mark it so `up` does not rebuild.
mkdir -p "$CALLPULSE_HOME/run" && touch "$CALLPULSE_HOME/run/build.stamp"

cli() { "$ROOT/callpulse" "$@"; }
failures=0
check() { # description, command...
  local what="$1"
  shift
  if "$@"; then echo "    PASS $what"; else echo "    FAIL $what"; failures=$((failures + 1)); fi
}
pid_of() { cat "$CALLPULSE_HOME/run/$1.pid" 2>/dev/null || true; }
no_process_left() {
  ! pgrep -f -- "$CALLPULSE_HOME" >/dev/null
}
cleanup() {
  cli down >/dev/null 2>&1 || true
  pkill -9 -f -- "$CALLPULSE_HOME" 2>/dev/null || true
}
trap cleanup EXIT

check "up starts every service" cli up
check "status reports every service healthy" cli status
check "up is idempotent" cli up

# --- End to end: simulated Agora traffic with every delivery fault, compared with the ground truth.
source "$ROOT/scripts/lib/common.sh"
source "$ROOT/scripts/lib/services.sh"
SIM=(java $(java_opts) -jar "$ROOT/simulator/target/callpulse-simulator.jar")
simulate() { # seed, expected file, app ids..., then extra options after --
  local seed="$1" out="$2"
  shift 2
  local -a apps=()
  while [[ $# -gt 0 && "$1" != -- ]]; do apps+=(--app-id "$1" --secret "$1=demo-secret-${1##*-}"); shift; done
  [[ "${1:-}" == -- ]] && shift
  "${SIM[@]}" run --seed "$seed" --channels 4 --duration 90m --no-progress \
    --gateway-url "http://127.0.0.1:$CALLPULSE_GATEWAY_PORT" "${apps[@]}" \
    --retry-base-ms 2000 --reorder-window-ms 3000 --expected-out "$out" "$@"
}
matches_truth() { # expected file; waits until ClickHouse holds exactly the expected figures
  local deadline=$((SECONDS + 150))
  while ((SECONDS < deadline)); do
    if CALLPULSE_CLICKHOUSE_PASSWORD="$(clickhouse_password)" "${SIM[@]}" compare --expected "$1" \
      --url "jdbc:clickhouse:http://127.0.0.1:$CALLPULSE_CLICKHOUSE_HTTP_PORT/$CALLPULSE_CLICKHOUSE_DATABASE" \
      --user "$CALLPULSE_CLICKHOUSE_USER" --password-env CALLPULSE_CLICKHOUSE_PASSWORD >"$1.comparison" 2>&1; then
      return 0
    fi
    sleep 3
  done
  tail -n 30 "$1.comparison"
  return 1
}
api_matches_truth() { # expected file; the gateway's query API answers the same figures (run after matches_truth)
  local -a keys=()
  for n in 1 2 3; do keys+=(--api-key-env "demo-app-$n=CALLPULSE_TEST_API_KEY_$n"); done
  if CALLPULSE_TEST_API_KEY_1=demo-key-1-local-only CALLPULSE_TEST_API_KEY_2=demo-key-2-local-only \
    CALLPULSE_TEST_API_KEY_3=demo-key-3-local-only "${SIM[@]}" compare --expected "$1" \
    --api-url "http://127.0.0.1:$CALLPULSE_API_PORT" "${keys[@]}" >"$1.api-comparison" 2>&1; then
    return 0
  fi
  grep -E ' NO$|error' "$1.api-comparison" | head -n 30
  tail -n 1 "$1.api-comparison"
  return 1
}
E2E="$CALLPULSE_HOME/e2e"
mkdir -p "$E2E"
check "simulated traffic with every fault is accepted by the gateway" simulate 7 "$E2E/run1.json" demo-app-1 demo-app-2
check "ClickHouse figures equal the ground truth (duplicates, reordering, losses, early destroys)" matches_truth "$E2E/run1.json"
check "the query API answers the same ground-truth figures (channels, epochs, users, days)" api_matches_truth "$E2E/run1.json"

# --- The same while the Flink job and then the gateway are killed with -9 mid-stream.
simulate 8 "$E2E/run2.json" demo-app-3 -- --rate 25 >"$E2E/run2.log" 2>&1 &
sim_pid=$!
sleep 6
kill -9 "$(pid_of flink)"
check "up restarts the killed Flink job mid-stream" cli up
sleep 4
kill -9 "$(pid_of gateway)"
check "up restarts the killed gateway mid-stream" cli up
check "the simulator's deliveries all succeed despite the kills (Agora-like retries)" wait "$sim_pid"
check "figures after kill -9 of the job and the gateway equal the ground truth" matches_truth "$E2E/run2.json"
check "the query API answers the ground truth after the kills" api_matches_truth "$E2E/run2.json"
check "earlier figures are not double counted after the restarts" matches_truth "$E2E/run1.json"
for svc in kafka clickhouse flink gateway; do
  pid="$(pid_of "$svc")"
  kill -9 "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  check "status notices that $svc died" bash -c "! '$ROOT/callpulse' status >/dev/null"
  check "up recovers after kill -9 of $svc" cli up
  check "all healthy after recovering $svc" cli status
done
check "the Flink job resumed from a retained checkpoint" \
  grep -q 'Resuming from checkpoint' "$CALLPULSE_HOME/logs/flink/job.log"
check "down stops everything" cli down
check "no process is left after down" no_process_left
check "status reports every service stopped" bash -c "! '$ROOT/callpulse' status >/dev/null"

if ((failures > 0)); then
  echo "stack test: $failures check(s) failed; logs in $CALLPULSE_HOME/logs"
  exit 1
fi
echo "stack test: all checks passed"
