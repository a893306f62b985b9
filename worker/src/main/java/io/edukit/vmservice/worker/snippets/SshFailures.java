package io.edukit.vmservice.worker.snippets;

import io.edukit.vmservice.worker.provisioning.FailureClass;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPException;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** Classifies what went wrong on the SSH channel, as {@code ProxmoxFailures} does for the API. */
final class SshFailures {

    private static final Logger security = LoggerFactory.getLogger("io.edukit.vmservice.security");

    private static final Map<Response.StatusCode, FailureClass> SFTP_STATUS = Map.of(
            Response.StatusCode.PERMISSION_DENIED, FailureClass.PERMANENT,
            Response.StatusCode.NO_SPACE_ON_FILESYSTEM, FailureClass.PERMANENT,
            Response.StatusCode.QUOTA_EXCEEDED, FailureClass.PERMANENT,
            Response.StatusCode.WRITE_PROTECT, FailureClass.PERMANENT,
            Response.StatusCode.NO_SUCH_FILE, FailureClass.NOT_FOUND,
            Response.StatusCode.NO_SUCH_PATH, FailureClass.NOT_FOUND);

    private SshFailures() {
    }

    static SnippetStoreException classify(String operation, String target, Exception failure) {
        String what = operation + " on " + target + " failed: ";
        if (failure instanceof SnippetStoreException classified) {
            return classified;
        }
        if (failure instanceof UserAuthException) {
            return new SnippetStoreException(FailureClass.PERMANENT, what + "the node refused the service account's key"
                    + " (check proxmox.ssh.user and the private key)", failure);
        }
        if (failure instanceof TransportException transport && transport.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
            security.error("SECURITY: the SSH host key of {} does not match the configured one: refusing to connect."
                    + " Either the node was reinstalled (update proxmox.ssh known hosts or fingerprint) or something is"
                    + " impersonating it.", target);
            return new SnippetStoreException(FailureClass.PERMANENT, what + "host key verification failed", failure);
        }
        if (failure instanceof SFTPException sftp) {
            FailureClass failureClass = SFTP_STATUS.getOrDefault(sftp.getStatusCode(), FailureClass.TRANSIENT);
            return new SnippetStoreException(failureClass, what + sftp.getStatusCode() + " " + sftp.getMessage(), failure);
        }
        return new SnippetStoreException(FailureClass.TRANSIENT, what + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage()), failure);
    }
}
