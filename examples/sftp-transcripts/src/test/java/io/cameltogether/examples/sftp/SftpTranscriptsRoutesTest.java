package io.cameltogether.examples.sftp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.emulator.TogetherAudioEmulatorExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The route against an SFTP server on loopback (Apache MINA SSHD) and the emulator. */
class SftpTranscriptsRoutesTest extends CamelTestSupport {

    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    @TempDir
    static Path dir;
    private static EmbeddedSftpServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedSftpServer.start(dir.resolve("root"), dir.resolve("state"), "alice", "s3cret pass&word");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        TogetherAudioComponent together = context.getComponent("together-audio", TogetherAudioComponent.class);
        together.getConfiguration().setBaseUrl(EMULATOR.baseUrl());
        together.getConfiguration().setApiKey(EMULATOR.apiKey());
        return context;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties sftp = new Properties();
        sftp.put("sftp.host", "127.0.0.1");
        sftp.put("sftp.port", Integer.toString(server.port()));
        sftp.put("sftp.username", "alice");
        sftp.put("sftp.password", "s3cret pass&word");
        sftp.put("sftp.knownHostsFile", server.knownHosts().toString());
        sftp.put("sftp.workDirectory", dir.resolve("spool").toString());
        return sftp;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new SftpTranscriptsRoutes();
    }

    @Test
    void recordingsComeBackAsSpeakerTurnsAndSubtitlesAndMoveToDoneOrFailed() throws Exception {
        NotifyBuilder threeFiles = new NotifyBuilder(context).whenDone(3).create();
        Path inbox = Files.createDirectories(dir.resolve("root/inbox"));
        Files.copy(Path.of("../transcribe-folder/samples/weekly-meeting.m4a"), inbox.resolve("weekly-meeting.m4a"));
        Files.copy(Path.of("../transcribe-folder/samples/voicemail-anna.wav"), inbox.resolve("voicemail-anna.wav"));
        Files.writeString(inbox.resolve("corrupt.mp3"), "not really an mp3");
        Files.writeString(inbox.resolve("readme.txt"), "not audio: left alone");

        assertTrue(threeFiles.matches(30, TimeUnit.SECONDS), "three recordings handled");

        Path transcripts = dir.resolve("root/transcripts");
        String turns = Files.readString(transcripts.resolve("weekly-meeting.txt"));
        assertTrue(turns.startsWith("[00:00.0] SPEAKER_00: (emulated)"), turns);
        assertTrue(turns.contains("SPEAKER_01: "), "diarized: " + turns);
        assertTrue(Files.readString(transcripts.resolve("voicemail-anna.srt")).startsWith("1\n00:00:00,000 --> "));
        assertTrue(Files.exists(inbox.resolve("done/weekly-meeting.m4a")));
        assertTrue(Files.exists(inbox.resolve("done/voicemail-anna.wav")));
        assertTrue(Files.exists(inbox.resolve("failed/corrupt.mp3")), "rejected by the API, kept on the server");
        assertTrue(Files.exists(inbox.resolve("readme.txt")));
        assertEquals("true", EMULATOR.requests().get(0).fields().get("diarize").get(0));
        try (var spool = Files.list(dir.resolve("spool"))) {
            assertEquals(0, spool.count(), "local work files are deleted once done");
        }
    }
}
