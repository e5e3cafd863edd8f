package io.cameltogether.examples.yamlroute;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.cameltogether.audio.emulator.TogetherAudioEmulatorExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The component's action kamelets, found in its jar (kamelets/) as the kamelet component looks for them, in a YAML
 * route run by Camel Main: what a JBang user gets with --dep=io.cameltogether:camel-together-audio:VERSION.
 */
class ActionKameletTest {

    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = { "transcribe", "translate" })
    void eachActionKameletTurnsARecordingIntoSubtitles(String operation) throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Files.copy(Path.of("../transcribe-folder/samples/voicemail-anna.wav"), inbox.resolve("voicemail.wav"));
        Properties overrides = new Properties();
        overrides.setProperty("camel.main.routes-include-pattern", "classpath:kamelet-routes/*.camel.yaml");
        overrides.setProperty("together.base-url", EMULATOR.baseUrl());
        overrides.setProperty("together.api-key", EMULATOR.apiKey());
        overrides.setProperty("kamelet.operation", operation);
        overrides.setProperty("kamelet.inbox", inbox.toString());
        overrides.setProperty("kamelet.outbox", work.resolve("subtitles").toString());
        overrides.setProperty("camel.main.duration-max-messages", "1");
        Main main = new Main();
        main.setOverrideProperties(overrides);

        main.run();

        String vtt = Files.readString(work.resolve("subtitles/voicemail.vtt"));
        assertTrue(vtt.startsWith("WEBVTT") && vtt.contains("(emulated)"), vtt);
        assertEquals(operation.equals("transcribe") ? "/v1/audio/transcriptions" : "/v1/audio/translations",
                EMULATOR.lastRequest().path());
        assertEquals("openai/whisper-large-v3", EMULATOR.lastRequest().field("model"), "the kamelet's default");
        assertNull(EMULATOR.lastRequest().field("language"), "an optional property left unset is not sent");
        assertTrue(Files.exists(inbox.resolve("done/voicemail.wav")));
    }
}
