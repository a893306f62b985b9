package io.edukit.vmservice.worker.snippets;

import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * One node's SSH connection, opened on first use, kept alive, and opened again after a drop.
 * At most {@code maxSessions} SFTP sessions run on it at once; they are kept open between calls.
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
    /** Sessions kept open between calls, at most {@code maxSessions}: opening one costs several round trips. */
    private final Deque<Session> kept = new ConcurrentLinkedDeque<>();
    private static final int KEEP_ALIVE_SECONDS = 10;

    private volatile @Nullable SSHClient client;


    NodeConnection(String host, SshProperties properties, Supplier<HostKeyVerifier> hostKeys, Supplier<KeyProvider> key) {
        this.host = host;
        this.properties = properties;
        this.hostKeys = hostKeys;
        this.key = key;
        this.sessions = new Semaphore(properties.maxSessionsPerNode());
    }

    /**
     * Runs {@code work} on an SFTP session of this node's connection: one kept open from an
     * earlier call, or a new one. A session the server answered (an SFTP status, such as "no such
     * file") is kept for the next call; one that broke or timed out is closed. A kept session may have died
     * with its connection while it was idle: the work is then run once more on a new session,
     * which is safe because every snippet operation may be repeated (a write replaces the file,
     * a delete ignores a file already gone).
     */
    <T> T withSftp(SftpWork<T> work) throws IOException, InterruptedException {
        sessions.acquire();
        try {
            for (boolean again = false; ; again = true) {
                Session session = again ? openSession() : keptOrNewSession();
                try {
                    T result = work.run(session.sftp());
                    kept.push(session.keptForLater());
                    return result;
                } catch (SFTPException refused) {
                    if (answeredByTheServer(refused)) {
                        kept.push(session.keptForLater());
                        throw refused;
                    }
                    if (closedForGood(session, again)) {
                        throw refused;
                    }
                } catch (IOException | RuntimeException broken) {
                    if (closedForGood(session, again)) {
                        throw broken;
                    }
                }
            }
        } finally {
            sessions.release();
        }
    }

    /** sshj reports a timeout or a dropped connection as an {@link SFTPException} too: only a status the server sent is an answer. */
    private static boolean answeredByTheServer(SFTPException failure) {
        return failure.getStatusCode() != Response.StatusCode.UNKNOWN && failure.getCause() == null;
    }

    /** Closes a broken session; true when its failure stands, false when the call is to be repeated once (the session was a kept one). */
    private static boolean closedForGood(Session session, boolean again) {
        session.close();
        return again || !session.keptBefore();
    }

    /** A kept session of the current connection, or a new one; kept sessions of a replaced connection are closed. */
    private Session keptOrNewSession() throws IOException {
        for (Session session = kept.poll(); session != null; session = kept.poll()) {
            if (session.connection() == client && session.connection().isConnected()) {
                return session;
            }
            session.close();
        }
        return openSession();
    }

    /** An SFTP session, with the connection it runs on, and whether an earlier call used it. */
    private record Session(SFTPClient sftp, SSHClient connection, boolean keptBefore) {

        Session keptForLater() {
            return new Session(sftp, connection, true);
        }

        void close() {
            try {
                sftp.close();
            } catch (IOException ignored) {
                // a broken session has nothing left to close
            }
        }
    }

    /**
     * A connection the node dropped may still look open until used: then it is closed (unless
     * another thread replaced it already) and a new one is made. A brand-new connection that
     * fails is not retried: its failure is the answer.
     */
    private Session openSession() throws IOException {
        Connected current = connected();
        try {
            return configured(current.client());
        } catch (IllegalStateException | net.schmizz.sshj.connection.ConnectionException | net.schmizz.sshj.transport.TransportException stale) {
            if (current.fresh()) {
                throw stale;
            }
            closeIfCurrent(current.client());
            return configured(connected().client());
        }
    }

    private Session configured(SSHClient connection) throws IOException {
        SFTPClient sftp = connection.newSFTPClient();
        sftp.getSFTPEngine().setTimeoutMs((int) properties.timeout().toMillis());
        return new Session(sftp, connection, false);
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
        for (Session session = kept.poll(); session != null; session = kept.poll()) {
            session.close();
        }
        closeIfCurrent(client);
    }
}
