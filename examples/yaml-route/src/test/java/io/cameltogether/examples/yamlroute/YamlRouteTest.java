package io.cameltogether.examples.yamlroute;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.cameltogether.audio.emulator.TogetherAudioEmulatorExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The YAML route, its options all from properties, run by Camel Main against the emulator. */
class YamlRouteTest {

    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    @TempDir
    Path work;

    @Test
    void recordingsBecomeDiarizedWordTimedSubtitles() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Files.copy(Path.of("../transcribe-folder/samples/voicemail-anna.wav"), inbox.resolve("voicemail.wav"));
        Properties overrides = new Properties();
        overrides.setProperty("camel.component.together-audio.base-url", EMULATOR.baseUrl());
        overrides.setProperty("camel.component.together-audio.api-key", EMULATOR.apiKey());
        overrides.setProperty("subtitles.inbox", inbox.toString());
        overrides.setProperty("subtitles.outbox", work.resolve("subtitles").toString());
        overrides.setProperty("camel.main.duration-max-messages", "1");
        Main main = new Main();
        main.setOverrideProperties(overrides);

        main.run();

        String srt = Files.readString(work.resolve("subtitles/voicemail.srt"));
        assertTrue(srt.startsWith("1\n00:00:00,000 --> ") && srt.contains("SPEAKER_00: (emulated)"), srt);
        assertTrue(Files.exists(inbox.resolve("done/voicemail.wav")));
        assertEquals("word", EMULATOR.lastRequest().field("timestamp_granularities"));
        assertEquals("true", EMULATOR.lastRequest().field("diarize"));
        assertEquals("openai/whisper-large-v3", EMULATOR.lastRequest().field("model"));
    }
}
