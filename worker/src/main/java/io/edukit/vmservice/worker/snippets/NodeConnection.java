package io.edukit.vmservice.worker.snippets;

import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * One node's SSH connection, opened on first use, kept alive, and opened again after a drop.
 * At most {@code maxSessions} SFTP sessions run on it at once.
 */
final class NodeConnection implements AutoCloseable {

    interface SftpWork<T> {
        T run(SFTPClient sftp) throws IOException;
    }

    private final String host;
    private final SshProperties properties;
    private final Supplier<HostKeyVerifier> hostKeys;
    private final Supplier<KeyProvider> key;
    private final Semaphore sessions;
    private SSHClient client;

    NodeConnection(String host, SshProperties properties, Supplier<HostKeyVerifier> hostKeys, Supplier<KeyProvider> key) {
        this.host = host;
        this.properties = properties;
        this.hostKeys = hostKeys;
        this.key = key;
        this.sessions = new Semaphore(properties.maxSessionsPerNode());
    }

    <T> T withSftp(SftpWork<T> work) throws IOException, InterruptedException {
        sessions.acquire();
        try (SFTPClient sftp = openSession()) {
            sftp.getSFTPEngine().setTimeoutMs((int) properties.timeout().toMillis());
            return work.run(sftp);
        } finally {
            sessions.release();
        }
    }

    /** A connection the node dropped may still look open until used: if so, connect once more. */
    private SFTPClient openSession() throws IOException {
        try {
            return connected().newSFTPClient();
        } catch (IllegalStateException | net.schmizz.sshj.connection.ConnectionException | net.schmizz.sshj.transport.TransportException stale) {
            synchronized (this) {
                closeQuietly();
            }
            return connected().newSFTPClient();
        }
    }

    private synchronized SSHClient connected() throws IOException {
        if (client != null && client.isConnected() && client.isAuthenticated()) {
            return client;
        }
        closeQuietly();
        DefaultConfig config = new DefaultConfig();
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        SSHClient fresh = new SSHClient(config);
        try {
            fresh.addHostKeyVerifier(hostKeys.get());
            fresh.setConnectTimeout((int) properties.connectTimeout().toMillis());
            fresh.setTimeout((int) properties.timeout().toMillis());
            fresh.connect(host, properties.port());
            fresh.getConnection().getKeepAlive().setKeepAliveInterval(30);
            fresh.authPublickey(properties.user(), key.get());
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
        client = fresh;
        return client;
    }

    private void closeQuietly() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // a dropped connection has nothing left to close
            }
            client = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
