# One build, two images: `docker build --target api .` and `docker build --target worker .`
# (docker-compose.yml does both).

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -pl api,worker -am package -DskipTests

FROM eclipse-temurin:25-jre AS runtime
# curl for the health checks; the service runs as an unprivileged user.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin vmservice
WORKDIR /app
USER 10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

FROM runtime AS api
COPY --from=build /src/api/target/vmservice-api-*-exec.jar /app/vmservice-api.jar
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/app/vmservice-api.jar"]

FROM runtime AS worker
COPY --from=build /src/worker/target/vmservice-worker-*-exec.jar /app/vmservice-worker.jar
EXPOSE 8081
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD curl -fsS http://localhost:8081/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/app/vmservice-worker.jar"]
