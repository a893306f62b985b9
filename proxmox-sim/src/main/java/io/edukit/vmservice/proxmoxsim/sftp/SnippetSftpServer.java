package io.edukit.vmservice.proxmoxsim.sftp;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;

/**
 * A node's SSH server as the infrastructure team runs it for VmService (Apache MINA SSHD):
 * SFTP only, one user, public key authentication with an ed25519 key, an ed25519 host key made
 * at start. Its file system is a folder standing for the node's root, so that the service
 * writes to {@code /var/lib/vz/snippets/} as on a real node and the simulator reads the same
 * files when a VM starts.
 */
public final class SnippetSftpServer implements AutoCloseable {

    /** Where storage {@code local} keeps snippets on a node. */
    public static final String SNIPPETS = "var/lib/vz/snippets";

    private final SshServer server;
    private final KeyPair hostKey;

    private SnippetSftpServer(SshServer server, KeyPair hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    /** The snippet folder under a node root: give it to the simulator as its snippets directory. */
    public static Path snippetsDirectoryUnder(Path nodeRoot) {
        try {
            return Files.createDirectories(nodeRoot.resolve(SNIPPETS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SnippetSftpServer start(Path nodeRoot, String bindAddress, int port, String user, PublicKey authorizedKey) {
        snippetsDirectoryUnder(nodeRoot);
        KeyPair hostKey = ed25519();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(bindAddress);
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((name, key, session) -> user.equals(name) && KeyUtils.compareKeys(key, authorizedKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(nodeRoot));
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SFTP server on " + bindAddress + ":" + port, e);
        }
        return new SnippetSftpServer(server, hostKey);
    }

    public int port() {
        return server.getPort();
    }

    /** The host key's fingerprint as {@code ssh-keygen -l -E sha256} prints it, for pinning. */
    public String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
    }

    /** A fresh ed25519 key pair for the service account, with its private key in OpenSSH format. */
    public static DeployKey newDeployKey() {
        KeyPair pair = ed25519();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "edukit-deploy@proxmox-sim", null, out);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write an OpenSSH private key", e);
        }
        return new DeployKey(pair.getPublic(), out.toString(StandardCharsets.US_ASCII));
    }

    /** A key pair handed to the client under test; its private half prints as ***. */
    public record DeployKey(PublicKey publicKey, String privateKeyOpenSsh) {
        @Override
        public String toString() {
            return "DeployKey[" + publicKey.getAlgorithm() + ", private=***]";
        }
    }

    private static KeyPair ed25519() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no ed25519 support", e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
