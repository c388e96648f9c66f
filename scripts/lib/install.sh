# Installs what the local stack and the tests need, once; every step is skipped when already done.
# shellcheck shell=bash

install_prerequisites_check() {
  require_tool java "Install a JDK 17 (Debian: apt-get install openjdk-17-jdk-headless)."
  local v
  v="$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
  [[ "${v%%.*}" -ge 17 ]] 2>/dev/null || die "Java 17 or newer is required, found $v. Set JAVA_HOME to a JDK 17."
  require_tool mvn "Install Maven 3.8+ (Debian: apt-get install maven)."
  require_tool gcc "Install gcc (Debian: apt-get install gcc); it builds the small ClickHouse launcher."
  require_tool npm "Install Node.js and npm (Debian: apt-get install npm); npm downloads the ClickHouse engine."
  require_tool curl "Install curl (Debian: apt-get install curl)."
}

install_clickhouse_engine() {
  if [[ -f "$CHDB_LIB" ]]; then
    return 0
  fi
  step "Downloading the ClickHouse engine (npm @chdb/lib-linux-x64-gnu@$CHDB_VERSION, 178 MB, once per machine)"
  local dl="$CACHE/dl"
  mkdir -p "$dl"
  local tgz="$dl/chdb-lib-linux-x64-gnu-$CHDB_VERSION.tgz"
  if [[ ! -f "$tgz" ]] || ! echo "$CHDB_SHA256  $tgz" | sha256sum -c --quiet 2>/dev/null; then
    rm -f "$tgz"
    (cd "$dl" && npm pack --loglevel=warn "@chdb/lib-linux-x64-gnu@$CHDB_VERSION") ||
      die "npm could not download @chdb/lib-linux-x64-gnu@$CHDB_VERSION. Check that the npm registry is reachable (npm ping)."
  fi
  echo "$CHDB_SHA256  $tgz" | sha256sum -c --quiet ||
    die "checksum mismatch for $tgz; delete it and run ./callpulse install again."
  info "unpacking libchdb.so (566 MB)"
  mkdir -p "$CHDB_DIR"
  tar -xzf "$tgz" -C "$CHDB_DIR" package/libchdb.so || die "could not unpack $tgz (disk full? df -h $CACHE)"
  ok "ClickHouse engine in $CHDB_DIR"
}

install_clickhouse_launcher() {
  local src="$ROOT/tools/clickhouse/chdb-server.c"
  if [[ -x "$CHDB_SERVER" && "$CHDB_SERVER" -nt "$src" ]]; then
    return 0
  fi
  step "Building the ClickHouse launcher (tools/clickhouse/chdb-server.c)"
  mkdir -p "$(dirname "$CHDB_SERVER")"
  gcc -O2 -Wall -o "$CHDB_SERVER.tmp" "$src" -ldl -lpthread || die "gcc failed to build $src"
  mv "$CHDB_SERVER.tmp" "$CHDB_SERVER"
  ok "$CHDB_SERVER"
}

install_kafka() {
  if compgen -G "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null; then
    return 0
  fi
  step "Downloading the Kafka $KAFKA_VERSION broker jars from Maven Central (once per machine)"
  mvn -B -q -f "$ROOT/tools/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_LIBS.tmp" || die "Maven could not download the Kafka broker jars (is Maven Central reachable?)"
  rm -rf "$KAFKA_LIBS" && mv "$KAFKA_LIBS.tmp" "$KAFKA_LIBS"
  ok "Kafka broker in $KAFKA_LIBS"
}

# The build is redone when any source is newer than the last successful build.
project_build_stamp() { echo "$WORK/run/build.stamp"; }

install_project() {
  local stamp
  stamp="$(project_build_stamp)"
  if [[ -f "$stamp" ]] && [[ -z "$(find "$ROOT" \( -name .callpulse -o -name target -o -name .git -o -name node_modules -o -path "$WORK" \) -prune -o \
    \( -name '*.java' -o -name 'pom.xml' -o -name '*.sql' -o -name '*.yaml' -o -name '*.properties' \) \
    -newer "$stamp" -print -quit)" ]]; then
    return 0
  fi
  step "Building CallPulse (Maven; the first build downloads dependencies and takes a few minutes)"
  mkdir -p "$WORK/run" "$WORK/logs"
  local log="$WORK/logs/build.log"
  if ! mvn -B -ntp -T 2 -DskipTests -Dspotless.check.skip=true -f "$ROOT/pom.xml" install 2>&1 |
    tee "$log" | grep --line-buffered -E '^\[INFO\] (Building CallPulse|BUILD)|ERROR' | sed 's/^\[INFO\] /    /'; then
    :
  fi
  grep -q 'BUILD SUCCESS' "$log" || die "the build failed; see $log"
  touch "$stamp"
  ok "built"
}

install_all() {
  install_prerequisites_check
  mkdir -p "$CACHE" "$WORK"
  install_clickhouse_engine
  install_clickhouse_launcher
  install_kafka
  install_project
}
