# syntax=docker/dockerfile:1.7
# CallPulse notifier: callpulse.notifications -> signed partner webhooks (notifier/README.md).
# Build from the repository root:  docker build -f docker/notifier.Dockerfile -t callpulse/notifier .
# Base images are pinned by tag; pin them by digest in your registry mirror for reproducible builds.
ARG MAVEN_IMAGE=maven:3.9.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.13_11-jre-jammy

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds without putting it in a layer.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl notifier -am package -DskipTests

FROM ${RUNTIME_IMAGE}
# curl only serves the container health check (Kubernetes probes use httpGet instead).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 callpulse \
    && useradd --system --uid 10001 --gid callpulse --home-dir /opt/callpulse --shell /usr/sbin/nologin callpulse \
    && mkdir -p /opt/callpulse /etc/callpulse
WORKDIR /opt/callpulse
COPY --from=build /src/notifier/target/callpulse-notifier.jar /opt/callpulse/callpulse-notifier.jar
# The JVM sizes its heap from the container's memory limit; UTC everywhere (see CONTRIBUTING).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Duser.timezone=UTC"
USER 10001:10001
# 8090: /health, /ready, /metrics (ops.port; the container configuration binds 0.0.0.0).
EXPOSE 8090
# Liveness, not readiness: while ClickHouse is down the notifier waits on purpose (it never delivers
# unaudited) and an orchestrator that replaces unhealthy containers must not kill it for that. Compose
# checks /ready instead (docker-compose.yml), which only reports.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${CALLPULSE_NOTIFIER_OPS_PORT:-8090}/health" || exit 1
# Exec form: java is PID 1 and receives SIGTERM, which finishes and commits the batch in hand (20 s).
ENTRYPOINT ["java", "-jar", "/opt/callpulse/callpulse-notifier.jar"]
# The configuration file (${NAME} references read from the environment): compose mounts
# docker/notifier/ and Helm a ConfigMap at /etc/callpulse. Dead letters: `replay --from-deadletter --config ...`.
CMD ["run", "--config", "/etc/callpulse/notifier.yaml"]
