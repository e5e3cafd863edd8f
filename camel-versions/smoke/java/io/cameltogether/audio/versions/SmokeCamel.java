package io.cameltogether.audio.versions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.impl.DefaultCamelContext;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.emulator.TogetherAudioEmulator;

/** A plain Camel context, of whatever Camel line the module puts on the classpath, pointed at the emulator. */
final class SmokeCamel {

    private SmokeCamel() {
    }

    static DefaultCamelContext pointedAt(TogetherAudioEmulator emulator) {
        DefaultCamelContext camel = new DefaultCamelContext();
        TogetherAudioComponent together = new TogetherAudioComponent();
        together.getConfiguration().setBaseUrl(emulator.baseUrl());
        together.getConfiguration().setApiKey(emulator.apiKey());
        camel.addComponent("together-audio", together);
        return camel;
    }

    /** The spoken sentence the component's own tests use (4.5 s, 16 kHz mono WAV). */
    static byte[] speechWav() {
        try {
            return Files.readAllBytes(Path.of(System.getProperty("speech.wav")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
