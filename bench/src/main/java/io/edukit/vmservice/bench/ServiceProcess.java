package io.edukit.vmservice.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The worker or the API in a JVM of its own, on this JVM's class path, so that its heap and its
 * resident memory are its own to measure. Its settings go in through {@code SPRING_APPLICATION_JSON}
 * (above its configuration file, and out of the process list: a token secret and an SSH key are
 * among them); its output goes to a log file of the run.
 */
final class ServiceProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceProcess(String name, Process process, int port, Path log, String token) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.token = token;
    }

    /**
     * @param jvmOptions options of its JVM besides its heap's
     * @param profile    record a JFR profile into the run's folder, written when the process stops
     * @param token      a bearer token its actuator accepts (the API's needs one; the worker ignores it)
     */
    static ServiceProcess start(String name, String mainClass, Map<String, String> settings, int heapMb,
                                List<String> jvmOptions, Path runDir, boolean profile, String token) {
        int port = freePort();
        Map<String, String> all = new java.util.LinkedHashMap<>(settings);
        all.put("server.port", Integer.toString(port));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(jvmOptions);
        if (profile) {
            command.add("-XX:StartFlightRecording=filename=" + runDir.resolve(name + ".jfr") + ",settings=profile,dumponexit=true");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        Path log = runDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPRING_APPLICATION_JSON", JSON.writeValueAsString(all));
        try {
            return new ServiceProcess(name, builder.start(), port, log, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name, e);
        }
    }

    /** Waits until its readiness probe answers 200; fails at once if the process ends. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the " + name + " ended during start-up (exit " + process.exitValue()
                        + "); see " + log);
            }
            try {
                if (get("/actuator/health/readiness").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the " + name + " was not ready within " + timeout + "; see " + log);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Heap in use now, from its actuator's {@code jvm.memory.used} (area heap), in MiB. */
    OptionalDouble heapUsedMb() {
        return metric("jvm.memory.used?tag=area:heap")
                .filter(response -> response.statusCode() == 200)
                .map(response -> statistic(JSON.readTree(response.body()), "VALUE", 1.0 / (1024 * 1024)))
                .orElse(OptionalDouble.empty());
    }

    /**
     * Time spent in GC pauses so far, from its actuator's {@code jvm.gc.pause}, in milliseconds; 0
     * while the timer does not exist, which it does from the first pause on.
     */
    OptionalDouble gcPauseMillis() {
        return metric("jvm.gc.pause").map(response -> switch (response.statusCode()) {
            case 200 -> totalMillis(JSON.readTree(response.body()));
            case 404 -> OptionalDouble.of(0);
            default -> OptionalDouble.empty();
        }).orElse(OptionalDouble.empty());
    }

    /**
     * A timer's total time in milliseconds, from the actuator's answer for it. The actuator answers
     * in the base unit of the first registry it holds: seconds for Prometheus, milliseconds for
     * OTLP, which the services held too until its export was turned off. The unit is read, not assumed.
     */
    static OptionalDouble totalMillis(JsonNode timer) {
        return switch (timer.path("baseUnit").asString("")) {
            case "seconds" -> statistic(timer, "TOTAL_TIME", 1000);
            case "milliseconds" -> statistic(timer, "TOTAL_TIME", 1);
            default -> OptionalDouble.empty();
        };
    }

    private static OptionalDouble statistic(JsonNode meter, String statistic, double scale) {
        for (JsonNode measurement : meter.path("measurements")) {
            if (measurement.path("statistic").asString().equals(statistic)) {
                return OptionalDouble.of(measurement.path("value").asDouble() * scale);
            }
        }
        return OptionalDouble.empty();
    }

    /** Its resident set now ({@code VmRSS}), in KiB, from {@code /proc}. */
    OptionalLong residentKb() {
        return procStatus("VmRSS:");
    }

    /** The most it was ever resident ({@code VmHWM}), in KiB, from {@code /proc}. */
    OptionalLong peakResidentKb() {
        return procStatus("VmHWM:");
    }

    private Optional<HttpResponse<String>> metric(String path) {
        try {
            return Optional.of(get("/actuator/metrics/" + path));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private OptionalLong procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return OptionalLong.of(Long.parseLong(line.substring(field.length()).replace("kB", "").strip()));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process has ended, or this is not Linux
        }
        return OptionalLong.empty();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops it as an orchestrator would (TERM, then KILL after 40 s), so that it hands its jobs back and writes its profile. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        http.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
