package io.edukit.vmservice.worker.snippets;

import io.edukit.vmservice.worker.environment.DeploymentEnvironment;
import io.edukit.vmservice.worker.provisioning.FailureClass;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.PacketType;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPEngine;
import net.schmizz.sshj.sftp.SFTPException;
import net.schmizz.sshj.transport.verification.FingerprintVerifier;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Snippets over SFTP with sshj. A write goes to a temporary name in the same directory and is
 * then renamed over the target ({@code posix-rename@openssh.com} where the server offers it,
 * as OpenSSH does), so Proxmox never reads half a file. The temporary name is fixed per target
 * ({@code .<file>.tmp}; one job writes one VM's snippet at a time): a write whose connection
 * dropped, so that it could not remove its temporary file, leaves one that the retry overwrites
 * and that {@link #delete} removes.
 */
final class SftpSnippetStore implements SnippetStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SftpSnippetStore.class);
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String POSIX_RENAME = "posix-rename@openssh.com";
    private static final int CHUNK = 32 * 1024;

    private final SshProperties properties;
    private final Map<String, NodeConnection> connections = new ConcurrentHashMap<>();

    SftpSnippetStore(SshProperties properties, DeploymentEnvironment environment) {
        this.properties = properties;
        checkHostKeyPolicy(properties, environment);
    }

    @Override
    public void write(String node, String fileName, byte[] content) {
        String target = path(fileName);
        String temporary = temporaryOf(fileName);
        run("write of " + fileName, node, sftp -> {
            try {
                try (RemoteFile file = sftp.getSFTPEngine().open(temporary, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC))) {
                    for (int offset = 0; offset < content.length; offset += CHUNK) {
                        file.write(offset, content, offset, Math.min(CHUNK, content.length - offset));
                    }
                }
                replace(sftp.getSFTPEngine(), temporary, target);
            } catch (IOException e) {
                removeQuietly(sftp, temporary);
                throw e;
            }
            return null;
        });
    }

    @Override
    public void delete(String node, String fileName) {
        String target = path(fileName);
        run("delete of " + fileName, node, sftp -> {
            removeIfPresent(sftp, target);
            removeIfPresent(sftp, temporaryOf(fileName));
            return null;
        });
    }

    @Override
    public List<String> list(String node) {
        return run("listing", node, sftp -> sftp.ls(properties.snippetsDirectory()).stream()
                .filter(RemoteResourceInfo::isRegularFile)
                .map(RemoteResourceInfo::getName)
                .filter(name -> !name.startsWith("."))
                .sorted()
                .toList());
    }

    @Override
    public void close() {
        connections.values().forEach(NodeConnection::close);
    }

    /** Atomic where the server can (OpenSSH's extension); else remove, then rename, as SFTP v3 allows. */
    private static void replace(SFTPEngine engine, String from, String to) throws IOException {
        if (engine.supportsServerExtension(POSIX_RENAME, "1")) {
            engine.request(engine.newExtendedRequest(POSIX_RENAME).putString(from, engine.getSubsystem().getRemoteCharset())
                            .putString(to, engine.getSubsystem().getRemoteCharset()))
                    .retrieve(engine.getTimeoutMs(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .ensureStatusPacketIsOK();
            return;
        }
        try {
            engine.remove(to);
        } catch (SFTPException e) {
            if (e.getStatusCode() != Response.StatusCode.NO_SUCH_FILE) {
                throw e;
            }
        }
        engine.rename(from, to, EnumSet.noneOf(net.schmizz.sshj.sftp.RenameFlags.class));
    }

    private String temporaryOf(String fileName) {
        return properties.snippetsDirectory() + "/." + fileName + ".tmp";
    }

    private static void removeIfPresent(SFTPClient sftp, String path) throws IOException {
        try {
            sftp.rm(path);
        } catch (SFTPException e) {
            if (e.getStatusCode() != Response.StatusCode.NO_SUCH_FILE) {
                throw e;
            }
        }
    }

    private static void removeQuietly(SFTPClient sftp, String temporary) {
        try {
            sftp.rm(temporary);
        } catch (IOException ignored) {
            // it may never have been created; a leftover dot-file is skipped by list()
        }
    }

    private <T> T run(String operation, String node, NodeConnection.SftpWork<T> work) {
        String host = properties.hostOf(node);
        NodeConnection connection = connections.computeIfAbsent(node,
                n -> new NodeConnection(host, properties, () -> hostKeyVerifier(n), this::privateKey));
        try {
            return connection.withSftp(work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnippetStoreException(FailureClass.TRANSIENT, operation + " on " + node + " interrupted", e);
        } catch (IOException | RuntimeException e) {
            throw SshFailures.classify(operation, node + " (" + host + ":" + properties.port() + ")", e);
        }
    }

    private String path(String fileName) {
        if (!FILE_NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException("not a snippet file name: " + fileName);
        }
        return properties.snippetsDirectory() + "/" + fileName;
    }

    private HostKeyVerifier hostKeyVerifier(String node) {
        if (properties.acceptAnyHostKey()) {
            return new PromiscuousVerifier();
        }
        String fingerprint = properties.hostKeyFingerprints().get(node);
        if (fingerprint != null) {
            return FingerprintVerifier.getInstance(fingerprint);
        }
        if (properties.knownHostsFile() != null) {
            try {
                return new OpenSSHKnownHosts(properties.knownHostsFile().toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read proxmox.ssh.known-hosts-file " + properties.knownHostsFile(), e);
            }
        }
        throw new SnippetStoreException(FailureClass.PERMANENT, "no way to verify the nodes' SSH host keys: set"
                + " proxmox.ssh.known-hosts-file or proxmox.ssh.host-key-fingerprints." + node, null);
    }

    private KeyProvider privateKey() {
        String key = properties.privateKey();
        try {
            if (key == null && properties.privateKeyFile() != null) {
                key = Files.readString(properties.privateKeyFile());
            }
        } catch (IOException e) {
            throw new SnippetStoreException(FailureClass.PERMANENT, "cannot read proxmox.ssh.private-key-file "
                    + properties.privateKeyFile() + " (" + e.getClass().getSimpleName() + ")", null);
        }
        if (key == null || key.isBlank()) {
            throw new SnippetStoreException(FailureClass.PERMANENT, "no SSH private key: set proxmox.ssh.private-key"
                    + " (PROXMOX_SSH_PRIVATEKEY) or proxmox.ssh.private-key-file", null);
        }
        try (SSHClient loader = new SSHClient()) {
            String passphrase = properties.privateKeyPassphrase();
            KeyProvider provider = loader.loadKeys(key, null, passphrase == null ? null : PasswordUtils.createOneOff(passphrase.toCharArray()));
            provider.getPublic(); // parses now, so that a bad key is named as such and not as a refused login
            return provider;
        } catch (IOException | RuntimeException e) {
            // The parser's message may quote the key: say only that it did not parse.
            throw new SnippetStoreException(FailureClass.PERMANENT, "the SSH private key could not be read"
                    + " (OpenSSH format expected; wrong passphrase?)", null);
        }
    }

    private static void checkHostKeyPolicy(SshProperties properties, DeploymentEnvironment environment) {
        if (!properties.acceptAnyHostKey()) {
            return;
        }
        if (environment != DeploymentEnvironment.DEVELOPMENT) {
            throw new IllegalStateException("proxmox.ssh.accept-any-host-key=true is refused in environment " + environment
                    + " (vmservice.environment): only Development may skip SSH host key verification. Pin the nodes' keys"
                    + " with proxmox.ssh.host-key-fingerprints.<node> or proxmox.ssh.known-hosts-file.");
        }
        log.warn("proxmox.ssh.accept-any-host-key=true in environment {}: SSH host keys are NOT verified.", environment);
    }
}
