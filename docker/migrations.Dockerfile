# syntax=docker/dockerfile:1.7
# One-shot ClickHouse schema migrations (sinks/src/main/resources/db/migration/*.sql) with the
# project's migrator. Arguments are MigratorMain's, e.g.
#   --url jdbc:clickhouse:http://clickhouse:8123/default --user callpulse
#   --password-env CALLPULSE_CLICKHOUSE_PASSWORD --database callpulse
# Build from the repository root:  docker build -f docker/migrations.Dockerfile -t callpulse/migrations .
ARG MAVEN_IMAGE=maven:3.9.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.13_11-jre-jammy

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY . .
# Runtime scope only: Flink is `provided` in sinks and the migrator does not need it.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl sinks -am package dependency:copy-dependencies -DskipTests -DincludeScope=runtime \
    && mkdir -p /out/lib \
    && cp sinks/target/dependency/*.jar /out/lib/ \
    && cp sinks/target/callpulse-sinks-*.jar /out/lib/ \
    && rm -f /out/lib/*-sources.jar /out/lib/*-tests.jar

FROM ${RUNTIME_IMAGE}
RUN groupadd --system --gid 10001 callpulse \
    && useradd --system --uid 10001 --gid callpulse --home-dir /opt/callpulse --shell /usr/sbin/nologin callpulse
WORKDIR /opt/callpulse
COPY --from=build /out/lib/ /opt/callpulse/lib/
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -Duser.timezone=UTC"
USER 10001:10001
# java expands the lib/* class path wildcard itself (no shell involved).
ENTRYPOINT ["java", "-cp", "/opt/callpulse/lib/*", "io.callpulse.sinks.MigratorMain"]
CMD ["--help"]
