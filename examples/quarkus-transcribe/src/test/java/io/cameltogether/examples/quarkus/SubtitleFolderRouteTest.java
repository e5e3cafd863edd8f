package io.cameltogether.examples.quarkus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.TogetherAudioComponent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The application on Quarkus (JVM mode), configured from properties, against the emulator. */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class SubtitleFolderRouteTest {

    @Inject
    CamelContext camel;

    @Test
    void recordingsInTheInboxBecomeSubtitlesWithSpeakers() throws Exception {
        Path inbox = Files.createDirectories(EmulatorResource.folder.resolve("inbox"));
        Files.copy(Path.of("../transcribe-folder/samples/weekly-meeting.m4a"), inbox.resolve("weekly-meeting.m4a"));
        Files.writeString(inbox.resolve("broken.wav"), "not a wav file");

        Path vtt = EmulatorResource.folder.resolve("subtitles/weekly-meeting.vtt");
        Path failed = inbox.resolve("failed/broken.wav");
        Path done = inbox.resolve("done/weekly-meeting.m4a");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(vtt) && Files.exists(done)
                && Files.exists(failed));

        String subtitles = Files.readString(vtt);
        assertTrue(subtitles.startsWith("WEBVTT"), subtitles);
        assertTrue(subtitles.contains("<v SPEAKER_00>(emulated)"), subtitles);
        assertEquals("openai/whisper-large-v3", EmulatorResource.emulator.lastRequest().fields().get("model").get(0));
        assertEquals(EmulatorResource.emulator.baseUrl(), camel.getComponent("together-audio",
                TogetherAudioComponent.class).getConfiguration().getBaseUrl(), "configured from properties");
    }
}
