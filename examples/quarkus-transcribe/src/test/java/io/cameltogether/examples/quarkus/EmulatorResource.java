package io.cameltogether.examples.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import io.cameltogether.audio.emulator.TogetherAudioEmulator;

/** Starts the emulator and a scratch folder for the test application, and points it at both. */
public class EmulatorResource implements QuarkusTestResourceLifecycleManager {

    static volatile TogetherAudioEmulator emulator;
    static volatile Path folder;

    @Override
    public Map<String, String> start() {
        emulator = new TogetherAudioEmulator().start();
        try {
            folder = Files.createTempDirectory("quarkus-transcribe-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("camel.component.together-audio.base-url", emulator.baseUrl(),
                "camel.component.together-audio.api-key", emulator.apiKey(),
                "transcribe.folder", folder.toString());
    }

    @Override
    public void stop() {
        emulator.close();
    }
}
