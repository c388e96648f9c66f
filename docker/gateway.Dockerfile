# syntax=docker/dockerfile:1.7
# CallPulse ingress gateway: Agora NCS webhooks -> Kafka, plus the read-only query API.
# Build from the repository root:  docker build -f docker/gateway.Dockerfile -t callpulse/gateway .
# Base images are pinned by tag; pin them by digest in your registry mirror for reproducible builds.
ARG MAVEN_IMAGE=maven:3.9.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.13_11-jre-jammy

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds without putting it in a layer.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl ingress-gateway -am package -DskipTests

FROM ${RUNTIME_IMAGE}
# curl only serves the container health check (Kubernetes probes use httpGet instead).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 callpulse \
    && useradd --system --uid 10001 --gid callpulse --home-dir /opt/callpulse --shell /usr/sbin/nologin callpulse \
    && mkdir -p /opt/callpulse /etc/callpulse
WORKDIR /opt/callpulse
COPY --from=build /src/ingress-gateway/target/callpulse-gateway.jar /opt/callpulse/callpulse-gateway.jar
# The JVM sizes its heap from the container's memory limit; UTC everywhere (see CONTRIBUTING).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Duser.timezone=UTC"
USER 10001:10001
# 8080 webhooks and /health, /ready, /metrics; 8082 the query API (/api)
EXPOSE 8080 8082
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/ready || exit 1
# Exec form: java is PID 1 and receives SIGTERM, which drains requests and flushes the producer.
ENTRYPOINT ["java", "-jar", "/opt/callpulse/callpulse-gateway.jar"]
# Without --config the gateway runs on its built-in defaults plus CALLPULSE_* environment overrides;
# Helm mounts a ConfigMap and passes --config /etc/callpulse/gateway.yaml.
CMD []
