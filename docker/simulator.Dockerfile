# syntax=docker/dockerfile:1.7
# Agora NCS traffic simulator (see simulator/README.md), e.g.
#   run --gateway-url http://gateway:8080 --secret <appId>=<secret>
# Build from the repository root:  docker build -f docker/simulator.Dockerfile -t callpulse/simulator .
ARG MAVEN_IMAGE=maven:3.9.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.13_11-jre-jammy

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl simulator -am package -DskipTests

FROM ${RUNTIME_IMAGE}
RUN groupadd --system --gid 10001 callpulse \
    && useradd --system --uid 10001 --gid callpulse --home-dir /opt/callpulse --shell /usr/sbin/nologin callpulse
WORKDIR /opt/callpulse
COPY --from=build /src/simulator/target/callpulse-simulator.jar /opt/callpulse/callpulse-simulator.jar
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -Duser.timezone=UTC"
USER 10001:10001
ENTRYPOINT ["java", "-jar", "/opt/callpulse/callpulse-simulator.jar"]
CMD ["--help"]
