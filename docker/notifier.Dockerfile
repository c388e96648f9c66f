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
RUN groupadd --system --gid 10001 callpulse \
    && useradd --system --uid 10001 --gid callpulse --home-dir /opt/callpulse --shell /usr/sbin/nologin callpulse \
    && mkdir -p /opt/callpulse /etc/callpulse
WORKDIR /opt/callpulse
COPY --from=build /src/notifier/target/callpulse-notifier.jar /opt/callpulse/callpulse-notifier.jar
# The JVM sizes its heap from the container's memory limit; UTC everywhere (see CONTRIBUTING).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Duser.timezone=UTC"
USER 10001:10001
# No health check: the notifier serves no HTTP endpoint (no /health, no /metrics). It exits non-zero
# when its consumer loop fails, so the restart policy (compose) or the kubelet restarts it; while
# ClickHouse is down it waits on purpose (it never delivers unaudited) and must not be killed for it.
HEALTHCHECK NONE
# Exec form: java is PID 1 and receives SIGTERM, which finishes and commits the batch in hand (20 s).
ENTRYPOINT ["java", "-jar", "/opt/callpulse/callpulse-notifier.jar"]
# The configuration file (${NAME} references read from the environment): compose mounts
# docker/notifier/ and Helm a ConfigMap at /etc/callpulse. Dead letters: `replay --from-deadletter --config ...`.
CMD ["run", "--config", "/etc/callpulse/notifier.yaml"]
