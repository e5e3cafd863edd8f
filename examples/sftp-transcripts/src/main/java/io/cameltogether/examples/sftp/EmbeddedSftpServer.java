package io.cameltogether.examples.sftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SFTP server on loopback (Apache MINA SSHD) serving one folder to one user, so the example and its test run
 * without a real server. It writes a known_hosts file for its host key: clients verify the server as they would a
 * real one, with strict host key checking on.
 */
public final class EmbeddedSftpServer implements AutoCloseable {

    private final SshServer sshd;
    private final Path knownHosts;

    private EmbeddedSftpServer(SshServer sshd, Path knownHosts) {
        this.sshd = sshd;
        this.knownHosts = knownHosts;
    }

    /**
     * @param root  the folder clients see as {@code /}
     * @param state where the host key and known_hosts file are kept
     */
    public static EmbeddedSftpServer start(Path root, Path state, String user, String password) throws IOException {
        Files.createDirectories(root);
        Files.createDirectories(state);
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(state.resolve("host-key.ser"));
        sshd.setKeyPairProvider(hostKeys);
        sshd.setPasswordAuthenticator((u, p, session) -> user.equals(u) && password.equals(p));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        sshd.start();
        Path knownHosts = state.resolve("known_hosts");
        PublicKey hostKey = hostKeys.loadKeys(null).iterator().next().getPublic();
        Files.writeString(knownHosts, "[127.0.0.1]:" + sshd.getPort() + " "
                + PublicKeyEntry.toString(hostKey) + "\n");
        return new EmbeddedSftpServer(sshd, knownHosts);
    }

    public int port() {
        return sshd.getPort();
    }

    public Path knownHosts() {
        return knownHosts;
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }
}
