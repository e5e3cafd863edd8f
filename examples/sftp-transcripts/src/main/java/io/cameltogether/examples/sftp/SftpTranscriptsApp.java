package io.cameltogether.examples.sftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.camel.main.Main;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.emulator.ApiTarget;

/**
 * Runs {@link SftpTranscriptsRoutes} against the SFTP server named by {@code -Dsftp.host=... -Dsftp.port=...
 * -Dsftp.username=... -Dsftp.password=... -Dsftp.knownHostsFile=...}. Without {@code sftp.host} it starts an SFTP
 * server on loopback whose inbox holds the sample recordings, and says so; without {@code TOGETHER_API_KEY} it uses
 * the emulator. It stops once idle for a few seconds, unless {@code -Dwatch=true}.
 */
public final class SftpTranscriptsApp {

    private SftpTranscriptsApp() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("example.home", "."));
        Path work = home.resolve("target/sftp-work").toAbsolutePath();
        boolean watch = Boolean.getBoolean("watch");
        Main main = new Main();
        main.addInitialProperty("sftp.workDirectory", work.resolve("spool").toString());

        EmbeddedSftpServer server = null;
        if (System.getProperty("sftp.host") == null) {
            Path root = work.resolve("server");
            String password = UUID.randomUUID().toString();
            server = EmbeddedSftpServer.start(root, work.resolve("server-state"), "demo", password);
            seed(home.resolve("../transcribe-folder/samples"), root.resolve("inbox"));
            main.addInitialProperty("sftp.host", "127.0.0.1");
            main.addInitialProperty("sftp.port", Integer.toString(server.port()));
            main.addInitialProperty("sftp.username", "demo");
            main.addInitialProperty("sftp.password", password);
            main.addInitialProperty("sftp.knownHostsFile", server.knownHosts().toString());
            System.out.println("No sftp.host given: serving " + root + " over SFTP at 127.0.0.1:" + server.port()
                    + " (embedded Apache MINA SSHD), with the sample recordings in inbox/.");
        }

        try (ApiTarget api = ApiTarget.fromEnvironment(); EmbeddedSftpServer closing = server) {
            TogetherAudioComponent together = new TogetherAudioComponent();
            together.getConfiguration().setBaseUrl(api.baseUrl());
            together.getConfiguration().setApiKey(api.apiKey());
            main.bind("together-audio", together);
            main.configure().addRoutesBuilder(new SftpTranscriptsRoutes());
            if (!watch) {
                main.configure().setDurationMaxIdleSeconds(5);
            }
            main.run();
            if (closing != null) {
                printTranscripts(work.resolve("server/transcripts"));
            }
        }
    }

    private static void printTranscripts(Path transcripts) throws IOException {
        if (!Files.isDirectory(transcripts)) {
            System.out.println("No transcripts written.");
            return;
        }
        System.out.println("Written back to the server's " + transcripts + ":");
        try (Stream<Path> files = Files.list(transcripts)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                System.out.println("== " + file.getFileName() + " (and .srt)\n" + Files.readString(file).strip());
            }
        }
    }

    private static void seed(Path samples, Path inbox) throws IOException {
        Files.createDirectories(inbox);
        try (Stream<Path> files = Files.list(samples)) {
            for (Path sample : files.toList()) {
                Files.copy(sample, inbox.resolve(sample.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
