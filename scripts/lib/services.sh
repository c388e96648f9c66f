# Start, stop and check the services of the local stack. Each start is idempotent and waits for
# readiness; each stop goes by pid and cannot hang.
# shellcheck shell=bash

SERVICES=(kafka clickhouse flink gateway)

# ---------------------------------------------------------------- Kafka
kafka_log() { echo "$WORK/logs/kafka/server.log"; }

kafka_ready() {
  port_open "$CALLPULSE_KAFKA_PORT" && grep -q 'Kafka Server started' "$WORK/logs/kafka/server.log" 2>/dev/null
}

kafka_start() {
  local props="$WORK/config/kafka.properties" data="$WORK/data/kafka"
  fill_template "$ROOT/tools/kafka/server.properties.template" "$props" \
    PORT="$CALLPULSE_KAFKA_PORT" CONTROLLER_PORT="$CALLPULSE_KAFKA_CONTROLLER_PORT" \
    DATA_DIR="$data" PARTITIONS="$CALLPULSE_KAFKA_PARTITIONS"
  mkdir -p "$WORK/logs/kafka"
  local cp="$KAFKA_LIBS/*"
  # Kafka's own start script's GC settings: short G1 pauses keep the acks=all tail low.
  local -a jvm=(java "-Xmx$CALLPULSE_KAFKA_HEAP" -Xms256m -XX:+UseG1GC -XX:MaxGCPauseMillis=20
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent
    $(java_opts) ${CALLPULSE_KAFKA_JAVA_OPTS:-} "-Dkafka.logs.dir=$WORK/logs/kafka"
    "-Dlog4j2.configurationFile=$ROOT/tools/kafka/log4j2.properties" -cp "$cp")
  if [[ ! -f "$data/meta.properties" ]]; then
    local uuid
    uuid="$("${jvm[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
    "${jvm[@]}" kafka.tools.StorageTool format -t "$uuid" -c "$props" >>"$WORK/logs/kafka/format.log" 2>&1 ||
      die "could not format the Kafka log directory $data; see $WORK/logs/kafka/format.log"
  fi
  # server.log is only the current run's: readiness looks for "Kafka Server started" in it.
  : >"$WORK/logs/kafka/server.log"
  spawn kafka "$WORK/logs/kafka/stdout.log" "${jvm[@]}" kafka.Kafka "$props"
  wait_ready kafka "$CALLPULSE_START_TIMEOUT" "$(kafka_log)" kafka_ready
  # Created up front: the job subscribes before the gateway's first record would auto-create them.
  java -Xmx256m -cp "$cp" "-Dlog4j2.configurationFile=$ROOT/tools/kafka/log4j2.properties" \
    "-Dkafka.logs.dir=$WORK/logs/kafka" "$ROOT/tools/kafka/CreateTopics.java" "$(kafka_endpoint)" \
    "$CALLPULSE_KAFKA_PARTITIONS" "$CALLPULSE_EVENTS_TOPIC" "$CALLPULSE_DEADLETTER_TOPIC" \
    "$CALLPULSE_NOTIFICATIONS_TOPIC" \
    >>"$WORK/logs/kafka/topics.log" 2>&1 ||
    die "could not create the Kafka topics; see $WORK/logs/kafka/topics.log"
}

kafka_stop() { stop_pid kafka 30; }

kafka_endpoint() { echo "127.0.0.1:$CALLPULSE_KAFKA_PORT"; }

# ---------------------------------------------------------------- ClickHouse
clickhouse_password() {
  if [[ -n "$CALLPULSE_CLICKHOUSE_PASSWORD" ]]; then
    printf '%s' "$CALLPULSE_CLICKHOUSE_PASSWORD"
    return
  fi
  local f="$WORK/config/clickhouse.password"
  if [[ ! -s "$f" ]]; then
    mkdir -p "$(dirname "$f")"
    (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=\n' >"$f")
  fi
  printf '%s' "$(cat "$f")"
}

clickhouse_log() { echo "$WORK/logs/clickhouse/clickhouse-server.err.log"; }

clickhouse_query() { # sql; as the CallPulse user, over HTTP
  curl -sS --fail-with-body -u "$CALLPULSE_CLICKHOUSE_USER:$(clickhouse_password)" \
    "http://127.0.0.1:$CALLPULSE_CLICKHOUSE_HTTP_PORT/" --data-binary "$1"
}

clickhouse_ready() {
  [[ "$(curl -s "http://127.0.0.1:$CALLPULSE_CLICKHOUSE_HTTP_PORT/ping")" == "Ok." ]] || return 1
  # Make sure the server on the port is ours, not a stale one with another data directory.
  [[ "$(clickhouse_query "SELECT value FROM system.server_settings WHERE name='path'")" == "$WORK/data/clickhouse/" ]]
}

clickhouse_start() {
  local data="$WORK/data/clickhouse" cfg="$WORK/config/clickhouse"
  mkdir -p "$data" "$WORK/logs/clickhouse"
  fill_template "$ROOT/tools/clickhouse/config.xml.template" "$cfg/config.xml" \
    LOG_DIR="$WORK/logs/clickhouse" DATA_DIR="$data" MAX_MEMORY="$CALLPULSE_CLICKHOUSE_MAX_MEMORY" \
    USERS_XML="$cfg/users.xml"
  fill_template "$ROOT/tools/clickhouse/users.xml.template" "$cfg/users.xml" \
    USER="$CALLPULSE_CLICKHOUSE_USER" \
    PASSWORD_SHA256="$(clickhouse_password | sha256sum | cut -d' ' -f1)"
  chmod 600 "$cfg/users.xml"
  # system logs tables break after a restart unless they are recreated
  rm -rf "$data/data/system" "$data/store/system" 2>/dev/null || true
  spawn clickhouse "$WORK/logs/clickhouse/stdout.log" "$CHDB_SERVER" "$CHDB_LIB" -- \
    "--config-file=$cfg/config.xml" --log-level=warning "--path=$data/" \
    "--http_port=$CALLPULSE_CLICKHOUSE_HTTP_PORT" "--tcp_port=$CALLPULSE_CLICKHOUSE_TCP_PORT" \
    --listen_host=127.0.0.1 --query_id=callpulse-keepalive \
    "--query=SYSTEM START LISTEN QUERIES ALL; SELECT sleepEachRow(1) FROM system.numbers SETTINGS max_execution_time=0, max_block_size=1 FORMAT Null"
  wait_ready clickhouse "$CALLPULSE_START_TIMEOUT" "$WORK/logs/clickhouse/stdout.log" clickhouse_ready
  clickhouse_migrate
}

clickhouse_migrate() {
  local log="$WORK/logs/clickhouse/migrations.log"
  CALLPULSE_CLICKHOUSE_PASSWORD="$(clickhouse_password)" java $(java_opts) -cp "$(runner_classpath)" \
    io.callpulse.sinks.MigratorMain \
    --url "jdbc:clickhouse:http://127.0.0.1:$CALLPULSE_CLICKHOUSE_HTTP_PORT/default" \
    --user "$CALLPULSE_CLICKHOUSE_USER" --password-env CALLPULSE_CLICKHOUSE_PASSWORD \
    --database "$CALLPULSE_CLICKHOUSE_DATABASE" >>"$log" 2>&1 ||
    { tail -n 20 "$log" >&2; die "ClickHouse migrations failed; see $log"; }
}

clickhouse_stop() {
  local pid
  pid="$(service_pid clickhouse)"
  [[ -n "$pid" ]] || { rm -f "$(pid_file clickhouse)"; return 0; }
  # Ending the keep-alive query lets the engine shut down cleanly; signals are the fallback.
  curl -s -m 5 "http://127.0.0.1:$CALLPULSE_CLICKHOUSE_HTTP_PORT/" \
    --data-binary "KILL QUERY WHERE query_id='callpulse-keepalive' SYNC" >/dev/null 2>&1 || true
  local start=$SECONDS
  while kill -0 "$pid" 2>/dev/null && ((SECONDS - start < 10)); do sleep 0.2; done
  stop_pid clickhouse 10
}

# ---------------------------------------------------------------- Flink analytics job
runner_classpath() {
  local cpfile="$ROOT/flink-jobs/target/local-runner.classpath"
  local runtime="$ROOT/flink-jobs/target/local-runner-runtime.classpath"
  [[ -f "$cpfile" && -f "$runtime" ]] || die "$cpfile is missing: run ./callpulse install"
  echo "$ROOT/flink-jobs/target/classes:$(cat "$cpfile"):$(cat "$runtime")"
}

flink_ready() {
  curl -sf "http://127.0.0.1:$CALLPULSE_FLINK_REST_PORT/jobs/overview" | grep -q '"state":"RUNNING"'
}

flink_start() {
  mkdir -p "$WORK/logs/flink" "$WORK/data/flink"
  spawn flink "$WORK/logs/flink/job.log" \
    env CALLPULSE_CLICKHOUSE_PASSWORD="$(clickhouse_password)" \
    java "-Xmx$CALLPULSE_FLINK_HEAP" $(java_opts) \
    "-Dlog4j.configurationFile=$ROOT/config/log4j2-local.properties" "-Dcallpulse.log.dir=$WORK/logs/flink" \
    -cp "$(runner_classpath)" io.callpulse.jobs.local.LocalClusterRunner \
    --work-dir "$WORK/data/flink" \
    --rest-port "$CALLPULSE_FLINK_REST_PORT" \
    --parallelism "$CALLPULSE_FLINK_PARALLELISM" \
    --checkpoint-interval-ms "$CALLPULSE_CHECKPOINT_INTERVAL_MS" \
    --bootstrap-servers "$(kafka_endpoint)" \
    --topic "$CALLPULSE_EVENTS_TOPIC" \
    --dead-letter-topic "$CALLPULSE_DEADLETTER_TOPIC" \
    --notifications-topic "$CALLPULSE_NOTIFICATIONS_TOPIC" \
    --clickhouse-url "jdbc:clickhouse:http://127.0.0.1:$CALLPULSE_CLICKHOUSE_HTTP_PORT/$CALLPULSE_CLICKHOUSE_DATABASE" \
    --clickhouse-user "$CALLPULSE_CLICKHOUSE_USER" \
    --grace-s "$CALLPULSE_JOB_GRACE_S"
  wait_ready flink "$CALLPULSE_START_TIMEOUT" "$WORK/logs/flink/job.log" flink_ready
}

flink_stop() { stop_pid flink 30; }

# ---------------------------------------------------------------- Gateway + query API
gateway_ready() {
  curl -sf "http://127.0.0.1:$CALLPULSE_GATEWAY_PORT/ready" >/dev/null &&
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$CALLPULSE_API_PORT/api/channels/demo-app-1")" == 401 ]]
}

gateway_start() {
  mkdir -p "$WORK/logs/gateway"
  local jar="$ROOT/ingress-gateway/target/callpulse-gateway.jar"
  [[ -f "$jar" ]] || die "$jar is missing: run ./callpulse install"
  spawn gateway "$WORK/logs/gateway/gateway.log" \
    env CALLPULSE_GATEWAY_HTTP_PORT="$CALLPULSE_GATEWAY_PORT" \
    CALLPULSE_API_PORT="$CALLPULSE_API_PORT" \
    CALLPULSE_API_CONFIG="$ROOT/config/query-api-local.yaml" \
    CALLPULSE_CLICKHOUSE_HTTP_URL="http://127.0.0.1:$CALLPULSE_CLICKHOUSE_HTTP_PORT" \
    CALLPULSE_CLICKHOUSE_DATABASE="$CALLPULSE_CLICKHOUSE_DATABASE" \
    CALLPULSE_KAFKA_BOOTSTRAP="$(kafka_endpoint)" \
    CALLPULSE_KAFKA_TOPIC="$CALLPULSE_EVENTS_TOPIC" \
    CALLPULSE_CLICKHOUSE_URL="jdbc:clickhouse:http://127.0.0.1:$CALLPULSE_CLICKHOUSE_HTTP_PORT/$CALLPULSE_CLICKHOUSE_DATABASE" \
    CALLPULSE_CLICKHOUSE_USER="$CALLPULSE_CLICKHOUSE_USER" \
    CALLPULSE_CLICKHOUSE_PASSWORD="$(clickhouse_password)" \
    CALLPULSE_GATEWAY_STATS_CLICKHOUSE_URL="http://127.0.0.1:$CALLPULSE_CLICKHOUSE_HTTP_PORT" \
    CALLPULSE_GATEWAY_STATS_CLICKHOUSE_DATABASE="$CALLPULSE_CLICKHOUSE_DATABASE" \
    CALLPULSE_GATEWAY_STATS_CLICKHOUSE_USER="$CALLPULSE_CLICKHOUSE_USER" \
    CALLPULSE_GATEWAY_STATS_CLICKHOUSE_PASSWORD="$(clickhouse_password)" \
    java "-Xmx$CALLPULSE_GATEWAY_HEAP" $(java_opts) -jar "$jar" --config "$ROOT/config/gateway-local.yaml"
  wait_ready gateway "$CALLPULSE_START_TIMEOUT" "$WORK/logs/gateway/gateway.log" gateway_ready
}

gateway_stop() { stop_pid gateway 30; }

# ---------------------------------------------------------------- all
service_port() {
  case "$1" in
  kafka) echo "$CALLPULSE_KAFKA_PORT" ;;
  clickhouse) echo "$CALLPULSE_CLICKHOUSE_HTTP_PORT (http), $CALLPULSE_CLICKHOUSE_TCP_PORT (native)" ;;
  flink) echo "$CALLPULSE_FLINK_REST_PORT (REST)" ;;
  gateway) echo "$CALLPULSE_GATEWAY_PORT (webhooks), $CALLPULSE_API_PORT (API)" ;;
  esac
}

service_main_port() {
  case "$1" in
  kafka) echo "$CALLPULSE_KAFKA_PORT" ;;
  clickhouse) echo "$CALLPULSE_CLICKHOUSE_HTTP_PORT" ;;
  flink) echo "$CALLPULSE_FLINK_REST_PORT" ;;
  gateway) echo "$CALLPULSE_GATEWAY_PORT" ;;
  esac
}

service_up() { # name
  local name="$1"
  if [[ -n "$(service_pid "$name")" ]]; then
    if "${name}_ready"; then
      ok "$name already running (pid $(service_pid "$name"), port $(service_port "$name"))"
      return 0
    fi
    warn "$name is running but not healthy; restarting it"
    "${name}_stop"
  fi
  ensure_port_free "$(service_main_port "$name")" "$name"
  step "Starting $name"
  "${name}_start"
  ok "$name ready (pid $(service_pid "$name"), port $(service_port "$name"))"
}

service_status() { # name -> prints a line, returns 0 when healthy
  local name="$1" pid state
  pid="$(service_pid "$name")"
  if [[ -z "$pid" ]]; then
    state="${C_DIM}stopped${C_OFF}"
  elif "${name}_ready" 2>/dev/null; then
    state="${C_GREEN}healthy${C_OFF}"
  else
    state="${C_YELLOW}unhealthy${C_OFF}"
  fi
  printf '  %-11s %-20s pid %-8s port %s\n' "$name" "$state" "${pid:--}" "$(service_port "$name")"
  [[ -n "$pid" ]] && "${name}_ready" 2>/dev/null
}
