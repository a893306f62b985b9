package io.edukit.vmservice.worker.snippets;

import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SFTP server in the test's JVM (Apache MINA SSHD): ed25519 host key and client key made
 * at test time, public key authentication for one user, its file system rooted in a temp folder.
 */
final class InProcessSftpServer implements AutoCloseable {

    static final String USER = "edukit-deploy";

    private final Path root;
    private final KeyPair hostKey;
    private final KeyPair clientKey;
    private SshServer server;
    private final AtomicInteger channelsOpened = new AtomicInteger();

    InProcessSftpServer(Path root) throws Exception {
        this.root = root;
        this.hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        this.clientKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Files.createDirectories(root.resolve("snippets"));
    }

    InProcessSftpServer start(int port) throws Exception {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.addChannelListener(new ChannelListener() {
            @Override
            public void channelOpenSuccess(Channel channel) {
                channelsOpened.incrementAndGet();
            }
        });
        server.start();
        return this;
    }

    /** SSH channels opened on this server so far: one per SFTP session. */
    int channelsOpened() {
        return channelsOpened.get();
    }

    int port() {
        return server.getPort();
    }

    Path snippets() {
        return root.resolve("snippets");
    }

    /** The host key as a known_hosts line for this server's address and port. */
    String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
    }

    /** The client's private key in OpenSSH format, as an operator would hand it over. */
    String clientPrivateKey() throws Exception {
        return openSsh(clientKey);
    }

    static String openSsh(KeyPair pair) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "edukit-deploy@test", null, out);
        return out.toString();
    }

    PublicKey clientPublicKey() {
        return clientKey.getPublic();
    }

    void stop() throws Exception {
        server.stop(true);
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
