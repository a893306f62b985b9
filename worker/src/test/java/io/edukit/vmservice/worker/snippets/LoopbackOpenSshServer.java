package io.edukit.vmservice.worker.snippets;

import io.edukit.vmservice.testsupport.Ports;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server on 127.0.0.1, started from the machine's {@code /usr/sbin/sshd} with a
 * configuration, host key, client key and snippet folder of its own, all made in a temp folder.
 * CI installs openssh-server ({@code .ci/run}); where it is missing the tests that need it skip.
 */
final class LoopbackOpenSshServer implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");
    static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private final Path directory;
    private final int port;
    private final Process sshd;

    private LoopbackOpenSshServer(Path directory, int port, Process sshd) {
        this.directory = directory;
        this.port = port;
        this.sshd = sshd;
    }

    /** Why no server can be started here, or null when one can. */
    static String unavailableBecause() {
        if (!Files.isExecutable(SSHD)) {
            return SSHD + " is not installed (Debian package openssh-server)";
        }
        if (!Files.isExecutable(SSH_KEYGEN)) {
            return SSH_KEYGEN + " is not installed (Debian package openssh-client)";
        }
        return null;
    }

    static LoopbackOpenSshServer start(Path directory) throws Exception {
        String user = System.getProperty("user.name");
        run(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "host", "-f", directory.resolve("host_key").toString());
        run(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "edukit-deploy", "-f", directory.resolve("client_key").toString());
        Files.copy(directory.resolve("client_key.pub"), directory.resolve("authorized_keys"));
        Files.createDirectories(directory.resolve("snippets"));
        if ("root".equals(user)) {
            // sshd started as root insists on its privilege separation directory.
            Files.createDirectories(Path.of("/run/sshd"));
        }
        int port = Ports.unused();
        Path config = directory.resolve("sshd_config");
        Files.write(config, List.of(
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + directory.resolve("host_key"),
                "PidFile " + directory.resolve("sshd.pid"),
                "AuthorizedKeysFile " + directory.resolve("authorized_keys"),
                "AllowUsers " + user,
                "PermitRootLogin prohibit-password",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "StrictModes no",
                "UsePAM no",
                "Subsystem sftp internal-sftp"));
        Process sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("sshd.log").toFile())
                .start();
        LoopbackOpenSshServer server = new LoopbackOpenSshServer(directory, port, sshd);
        server.awaitListening();
        return server;
    }

    int port() {
        return port;
    }

    String user() {
        return System.getProperty("user.name");
    }

    Path snippets() {
        return directory.resolve("snippets");
    }

    String clientPrivateKey() throws IOException {
        return Files.readString(directory.resolve("client_key"));
    }

    /** {@code SHA256:...} of the host key, as {@code ssh-keygen -l} prints it. */
    String hostKeyFingerprint() throws Exception {
        String line = output(SSH_KEYGEN.toString(), "-l", "-E", "sha256", "-f", directory.resolve("host_key.pub").toString());
        return line.split(" ")[1];
    }

    private void awaitListening() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!sshd.isAlive()) {
                throw new IllegalStateException("sshd exited: " + Files.readString(directory.resolve("sshd.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("sshd did not listen within 10 s: " + Files.readString(directory.resolve("sshd.log")));
    }

    private static void run(String... command) throws Exception {
        output(command);
    }

    private static String output(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out.strip();
    }

    @Override
    public void close() throws Exception {
        sshd.destroy();
        if (!sshd.waitFor(5, TimeUnit.SECONDS)) {
            sshd.destroyForcibly();
        }
    }
}
