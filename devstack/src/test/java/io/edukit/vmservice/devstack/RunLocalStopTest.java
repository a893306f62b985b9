package io.edukit.vmservice.devstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What {@code ./run-local} does when it is told to stop: its own JVM, stopped by a signal. */
class RunLocalStopTest {

    @Test
    void aStopSignalEndsTheStackInOrderWithoutErrors() throws Exception {
        Path output = Files.createTempFile("run-local", ".log");
        Process stack = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddevstack.api-port=0", "-Ddevstack.worker-port=0",
                "-cp", System.getProperty("java.class.path"), DevStack.class.getName()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            await().alias("the stack's start, its output in " + output).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> read(output).contains("Ctrl-C stops everything") || !stack.isAlive());
            assertThat(stack.isAlive()).as("started; its output is in %s", output).isTrue();

            stack.destroy(); // SIGTERM: what a plain kill sends; Ctrl-C's SIGINT takes the same way

            assertThat(stack.waitFor(2, TimeUnit.MINUTES)).as("stopped within 2 minutes").isTrue();
            String log = read(output);
            assertThat(log).contains("Stopping the VmService local stack")
                    .doesNotContain(" ERROR ", "KafkaStorageException", "Exception in thread");
            assertThat(stack.exitValue()).as("a stop asked for is no failure").isZero();
            Files.delete(output);
        } finally {
            // A stack left behind is stopped in order if it can be: a killed one leaves its PostgreSQL running.
            stack.destroy();
            if (!stack.waitFor(30, TimeUnit.SECONDS)) {
                stack.destroyForcibly();
            }
        }
    }

    private static String read(Path output) throws IOException {
        return Files.readString(output);
    }
}
