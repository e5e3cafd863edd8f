package io.cameltogether.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.cameltogether.audio.emulator.TogetherAudioEmulatorExtension;

/** Route tests against the emulator: the component is pointed at it, with short retry delays. */
public abstract class EmulatorTestSupport extends CamelTestSupport {

    @RegisterExtension
    protected static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    protected static final Path AUDIO = Path.of("src/test/resources/audio");
    protected static final Path SPEECH_WAV = AUDIO.resolve("speech.wav");
    /** Exact length of speech.wav: 72,589 samples at 16 kHz. */
    protected static final double SPEECH_SECONDS = 4.538;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        TogetherAudioConfiguration defaults = context.getComponent("together-audio", TogetherAudioComponent.class)
                .getConfiguration();
        defaults.setBaseUrl(EMULATOR.baseUrl());
        defaults.setApiKey(EMULATOR.apiKey());
        defaults.setRetryDelay(20);
        return context;
    }

    /** For realtime tests that feed audio far faster than it plays: a replay buffer that holds it, quick settling. */
    protected static TogetherAudioConfiguration realtimeFasterThanRealTime(CamelContext context) {
        TogetherAudioConfiguration c = context.getComponent("together-audio", TogetherAudioComponent.class)
                .getConfiguration();
        c.setFinalTranscriptQuiet(300);
        c.setReplayBufferDuration(30_000);
        return c;
    }

    /** Sends the body to the URI and returns the exchange, failed or not. */
    protected Exchange send(String uri, Object body) {
        return template.send(uri, e -> e.getMessage().setBody(body));
    }

    protected static long crc32c(Path file) {
        CRC32C crc = new CRC32C();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return crc.getValue();
    }
}
