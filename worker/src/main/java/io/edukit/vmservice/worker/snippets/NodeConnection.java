package io.edukit.vmservice.worker.snippets;

import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

import org.jspecify.annotations.Nullable;

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
    private static final int KEEP_ALIVE_SECONDS = 10;

    private @Nullable SSHClient client;


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

    /**
     * A connection the node dropped may still look open until used: then it is closed (unless
     * another thread replaced it already) and a new one is made. A brand-new connection that
     * fails is not retried: its failure is the answer.
     */
    private SFTPClient openSession() throws IOException {
        Connected current = connected();
        try {
            return current.client().newSFTPClient();
        } catch (IllegalStateException | net.schmizz.sshj.connection.ConnectionException | net.schmizz.sshj.transport.TransportException stale) {
            if (current.fresh()) {
                throw stale;
            }
            closeIfCurrent(current.client());
            return connected().client().newSFTPClient();
        }
    }

    private record Connected(SSHClient client, boolean fresh) {
    }

    private synchronized Connected connected() throws IOException {
        if (client != null && client.isConnected() && client.isAuthenticated()) {
            return new Connected(client, false);
        }
        closeIfCurrent(client);
        DefaultConfig config = new DefaultConfig();
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        SSHClient fresh = new SSHClient(config);
        try {
            fresh.addHostKeyVerifier(hostKeys.get());
            fresh.setConnectTimeout((int) properties.connectTimeout().toMillis());
            fresh.setTimeout((int) properties.timeout().toMillis());
            fresh.connect(host, properties.port());
            // Well inside the read timeout, so that an idle connection is never taken for a dead one.
            fresh.getConnection().getKeepAlive().setKeepAliveInterval(KEEP_ALIVE_SECONDS);
            fresh.authPublickey(properties.user(), key.get());
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
        client = fresh;
        return new Connected(fresh, true);
    }

    private synchronized void closeIfCurrent(@Nullable SSHClient stale) {
        if (stale != null && stale == client) {
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
        closeIfCurrent(client);
    }
}
