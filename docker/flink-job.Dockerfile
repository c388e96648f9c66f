# syntax=docker/dockerfile:1.7
# CallPulse channel analytics job on the official Flink image, for application mode
# (docker-compose `standalone-job`, or the Flink Kubernetes Operator with `jarURI: local:///opt/flink/usrlib/...`).
# Build from the repository root:  docker build -f docker/flink-job.Dockerfile -t callpulse/flink-job .
ARG MAVEN_IMAGE=maven:3.9.9-eclipse-temurin-17
# Flink 1.20 LTS on Java 17; RocksDB is part of flink-dist, the Kafka and JDBC connectors are in the job jar.
ARG FLINK_IMAGE=flink:1.20-java17

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl flink-jobs -am package -DskipTests

FROM ${FLINK_IMAGE}
# /flink-data holds checkpoints, savepoints and RocksDB's working files in docker-compose; created
# here so that a fresh named volume inherits the flink user's ownership.
RUN mkdir -p /opt/flink/usrlib /flink-data \
    && chown -R flink:flink /opt/flink/usrlib /flink-data
COPY --from=build --chown=flink:flink /src/flink-jobs/target/callpulse-flink-jobs.jar /opt/flink/usrlib/callpulse-flink-jobs.jar
# docker-compose's JobManager entry point: resumes from the newest retained checkpoint after a restart
COPY --chmod=0755 docker/flink/standalone-job-resume.sh /opt/callpulse/standalone-job-resume.sh
# The image's entrypoint works unprivileged; flink is uid 9999 in the official image.
USER flink
