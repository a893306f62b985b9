package io.edukit.vmservice.worker.workflow;

import io.edukit.vmservice.testsupport.Ports;
import io.edukit.vmservice.worker.WorkerApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
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

import static org.awaitility.Awaitility.await;

/**
 * A second worker in a JVM of its own, so that it can be killed as a crash kills one: no
 * shutdown hook, no lease handed back. Its output goes to a file under {@code target/}.
 */
final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private WorkerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static WorkerProcess start(Map<String, String> properties, Path log) {
        int port = Ports.unused();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-cp", System.getProperty("java.class.path"),
                WorkerApplication.class.getName(),
                "--spring.config.name=worker",
                "--server.port=" + port));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            WorkerProcess worker = new WorkerProcess(process, port);
            worker.awaitReady();
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreException(java.net.ConnectException.class).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the worker process ended with " + process.exitValue());
            }
            return http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    /** SIGKILL: the JVM ends at once, mid-step, leases still held. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
