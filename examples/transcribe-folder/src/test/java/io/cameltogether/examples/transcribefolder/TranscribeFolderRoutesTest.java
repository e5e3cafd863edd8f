package io.cameltogether.examples.transcribefolder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.emulator.TogetherAudioEmulatorExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranscribeFolderRoutesTest extends CamelTestSupport {

    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    @TempDir
    static Path folder;

    private final RunReport report = new RunReport();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        TogetherAudioComponent together = context.getComponent("together-audio", TogetherAudioComponent.class);
        together.getConfiguration().setBaseUrl(EMULATOR.baseUrl());
        together.getConfiguration().setApiKey(EMULATOR.apiKey());
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new TranscribeFolderRoutes(folder.resolve("inbox"), folder.resolve("transcripts"), report);
    }

    @Test
    void eachRecordingGetsATranscriptAndSubtitlesAndMovesToDoneOrFailed() throws Exception {
        NotifyBuilder fiveFiles = new NotifyBuilder(context).whenDone(5).create();
        Path inbox = Files.createDirectories(folder.resolve("inbox"));
        for (String sample : new String[] { "voicemail-anna.wav", "delivery-update.mp3", "weekly-meeting.m4a",
            "support-call.wav" }) {
            Files.copy(Path.of("samples", sample), inbox.resolve(sample));
        }
        Files.writeString(inbox.resolve("corrupt.wav"), "not really a wav file");
        Files.writeString(inbox.resolve("notes.txt"), "ignored: not audio");

        assertTrue(fiveFiles.matches(20, TimeUnit.SECONDS));

        Path transcripts = folder.resolve("transcripts");
        for (String name : new String[] { "voicemail-anna", "delivery-update", "weekly-meeting" }) {
            assertTrue(Files.readString(transcripts.resolve(name + ".txt")).startsWith("(emulated)"), name);
            assertTrue(Files.readString(transcripts.resolve(name + ".srt")).startsWith("1\n00:00:00,000 --> "), name);
            assertTrue(Files.exists(inbox.resolve("done").resolve(Files.list(inbox.resolve("done"))
                    .filter(f -> f.getFileName().toString().startsWith(name)).findFirst().orElseThrow())));
        }
        List<String> call = Files.readAllLines(transcripts.resolve("support-call.txt"));
        assertEquals(List.of("agent", "customer", "agent", "customer"),
                call.stream().map(line -> line.substring(0, line.indexOf(':'))).toList(), call.toString());
        assertTrue(Files.readString(transcripts.resolve("support-call.srt")).contains("customer: "));
        assertTrue(Files.exists(inbox.resolve("failed/corrupt.wav")), "rejected by the API, kept for a look");
        assertTrue(Files.exists(inbox.resolve("notes.txt")), "not audio: left alone");
        assertEquals(6, EMULATOR.requests().size(), "one per recording, the call's two parties apart");

        assertEquals(4, report.transcribed().size(), report.transcribed().toString());
        assertTrue(report.failed().get("corrupt.wav").contains("not recognised as audio"), report.failed().toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8), folder, inbox, transcripts);
        String summary = printed.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains("Transcribed 4 recording(s)") && summary.contains("Failed 1")
                && summary.contains("corrupt.wav: ") && summary.contains("Left alone, not audio: notes.txt"), summary);
    }

    @Test
    void aRunWithNothingInTheInboxSaysWhereTheAudioShouldGo() throws Exception {
        Path elsewhere = Files.createDirectories(folder.resolve("elsewhere"));
        Files.copy(Path.of("samples", "voicemail-anna.wav"), elsewhere.resolve("voicemail-anna.wav"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        new RunReport().print(new PrintStream(printed, true, StandardCharsets.UTF_8), elsewhere,
                elsewhere.resolve("inbox"), elsewhere.resolve("transcripts"));

        String summary = printed.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains("No recordings were transcribed") && summary.contains("1 audio file(s) sit in "
                + elsewhere + " itself"), summary);
    }
}
