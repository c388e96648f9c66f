# Shared helpers for ./callpulse: paths, messages, processes, readiness. Sourced, never run.
# shellcheck shell=bash

ROOT="${CALLPULSE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
# Data, logs and pids of the local stack: one git-ignored folder.
WORK="${CALLPULSE_HOME:-$ROOT/.callpulse}"
# Downloads shared by every clone on this machine (the ClickHouse engine is 178 MB).
CACHE="${CALLPULSE_CACHE:-$HOME/.cache/callpulse}"

# shellcheck source=../../config/local.env
source "$ROOT/config/local.env"

KAFKA_VERSION=4.2.2
KAFKA_LIBS="$CACHE/kafka-$KAFKA_VERSION/libs"
CHDB_VERSION=26.7.3-stable.1
CHDB_SHA256=c0d32b129e988f2b9a9a31c9141aecf5e1e2453f9a079efc4d36ab8e3f92b2ad
CHDB_DIR="$CACHE/chdb-26.7.3"
CHDB_LIB="$CHDB_DIR/package/libchdb.so"
CHDB_SERVER="$CACHE/chdb-server/chdb-server"

if [[ -t 1 ]]; then
  C_BOLD=$'\e[1m' C_RED=$'\e[31m' C_GREEN=$'\e[32m' C_YELLOW=$'\e[33m' C_DIM=$'\e[2m' C_OFF=$'\e[0m'
else
  C_BOLD='' C_RED='' C_GREEN='' C_YELLOW='' C_DIM='' C_OFF=''
fi

step() { printf '%s==>%s %s\n' "$C_BOLD" "$C_OFF" "$*"; }
info() { printf '    %s\n' "$*"; }
ok() { printf '    %s✓%s %s\n' "$C_GREEN" "$C_OFF" "$*"; }
warn() { printf '%swarning:%s %s\n' "$C_YELLOW" "$C_OFF" "$*" >&2; }
die() {
  printf '%serror:%s %s\n' "$C_RED" "$C_OFF" "$*" >&2
  exit 1
}

require_tool() { # tool, what to do when missing
  command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed. $2"
}

pid_file() { echo "$WORK/run/$1.pid"; }

service_pid() { # prints the pid of a running service, or nothing
  local f
  f="$(pid_file "$1")"
  [[ -f "$f" ]] || return 0
  local pid
  pid="$(cat "$f")"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ensure_port_free() { # port, service
  if port_open "$1"; then
    die "port $1 for $2 is already in use by another process ($(port_owner "$1")). Stop it, or choose another port with the variable in config/local.env."
  fi
}

port_owner() {
  if command -v ss >/dev/null 2>&1; then
    ss -ltnp "sport = :$1" 2>/dev/null | awk 'NR==2 {print $6}'
  else
    echo "unknown process"
  fi
}

# Starts a command detached from this shell (own session, no stdin), records its pid.
spawn() { # name, log file, command...
  local name="$1" log="$2"
  shift 2
  mkdir -p "$WORK/run" "$(dirname "$log")"
  setsid nohup "$@" >>"$log" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
}

# Polls a readiness check until it passes; fails with the log's tail when the process dies or time runs out.
wait_ready() { # name, timeout seconds, log file, check command...
  local name="$1" timeout="$2" log="$3"
  shift 3
  local start=$SECONDS
  while ((SECONDS - start < timeout)); do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    if [[ -z "$(service_pid "$name")" ]]; then
      tail -n 20 "$log" >&2 2>/dev/null || true
      die "$name exited during start-up. Full log: $log"
    fi
    sleep 0.5
  done
  tail -n 20 "$log" >&2 2>/dev/null || true
  die "$name was not ready after ${timeout}s. Full log: $log"
}

# SIGTERM, wait, then SIGKILL: a graceful stop that cannot hang.
stop_pid() { # name, grace seconds
  local name="$1" grace="${2:-20}" pid
  pid="$(service_pid "$name")"
  if [[ -z "$pid" ]]; then
    rm -f "$(pid_file "$name")"
    return 0
  fi
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  local start=$SECONDS
  while kill -0 "$pid" 2>/dev/null && ((SECONDS - start < grace)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name did not stop within ${grace}s; killing it"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file "$name")"
}

fill_template() { # template, output, KEY=VALUE...
  local template="$1" out="$2"
  shift 2
  local content
  content="$(cat "$template")"
  local pair
  for pair in "$@"; do
    content="${content//@${pair%%=*}@/${pair#*=}}"
  done
  mkdir -p "$(dirname "$out")"
  printf '%s\n' "$content" >"$out"
}

java_opts() { echo "-Duser.timezone=UTC -XX:+ExitOnOutOfMemoryError"; }
