package io.cameltogether.audio.metrics;

import java.nio.file.Files;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;

import org.junit.jupiter.api.Test;

import io.cameltogether.audio.EmulatorTestSupport;
import io.cameltogether.audio.TestAudio;
import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.emulator.Fault;
import io.cameltogether.audio.emulator.RealtimeFault;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With a MeterRegistry in the application, an operator sees requests, retries, audio and sessions. */
class MicrometerMetricsTest extends EmulatorTestSupport {

    private static final String WHISPER = "openai/whisper-large-v3";

    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("metricsRegistry", meters);
        return context;
    }

    @Test
    void modelsFromMessageHeadersAreTaggedAsOtherSoHeadersCannotMakeMetersWithoutBound() {
        for (int i = 0; i < 20; i++) {
            int n = i;
            template.send("together-audio:transcribe", e -> {
                e.getMessage().setBody(SPEECH_WAV.toFile());
                e.getMessage().setHeader(TogetherAudioConstants.MODEL, "tenant-" + n + "/model");
            });
        }
        send("together-audio:transcribe", SPEECH_WAV.toFile());

        Set<String> models = meters.find(MicrometerAudioMetrics.REQUESTS).timers().stream()
                .map(t -> t.getId().getTag("model")).collect(Collectors.toSet());
        assertEquals(Set.of(WHISPER, "other"), models);
        assertEquals(20, meters.get(MicrometerAudioMetrics.REQUESTS).tags("model", "other").timers().stream()
                .mapToLong(Timer::count).sum());
    }

    @Test
    void theApisRateLimitHeadersAreGauges() {
        EMULATOR.withRateLimit(40);

        assertNull(send("together-audio:transcribe", SPEECH_WAV.toFile()).getException());

        assertEquals(40, meters.get(MicrometerAudioMetrics.RATE_LIMITS)
                .tags("model", WHISPER, "header", "x-ratelimit-limit").gauge().value());
        assertEquals(39, meters.get(MicrometerAudioMetrics.RATE_LIMITS)
                .tags("model", WHISPER, "header", "x-ratelimit-remaining").gauge().value(), 1);
    }

    @Test
    void requestsRetriesUploadAndAudioSecondsAreCounted() {
        EMULATOR.enqueue(Fault.status(503));

        Exchange exchange = send("together-audio:transcribe?outputFormat=srt", SPEECH_WAV.toFile());

        assertNull(exchange.getException());
        Timer failed = meters.get(MicrometerAudioMetrics.REQUESTS).tags("operation", "transcribe", "model", WHISPER,
                "status", "503", "outcome", "SERVER_ERROR").timer();
        Timer succeeded = meters.get(MicrometerAudioMetrics.REQUESTS).tags("status", "200", "outcome", "SUCCESS")
                .timer();
        assertEquals(1, failed.count());
        assertEquals(1, succeeded.count());
        assertEquals(1, meters.get(MicrometerAudioMetrics.RETRIES).tags("reason", "503").counter().count());
        assertEquals(2.0 * size(), meters.get(MicrometerAudioMetrics.UPLOADED).tags("operation", "transcribe")
                .counter().count(), "both attempts uploaded the whole file");
        assertEquals(SPEECH_SECONDS, meters.get(MicrometerAudioMetrics.AUDIO).tags("operation", "transcribe")
                .counter().count(), 0.01);
    }

    @Test
    void connectionFailuresAreTheirOwnOutcome() {
        Exchange exchange = send("together-audio:translate?baseUrl=http://127.0.0.1:1/v1&maxRetries=1",
                SPEECH_WAV.toFile());

        assertTrue(exchange.isFailed());
        assertEquals(2, meters.get(MicrometerAudioMetrics.REQUESTS).tags("operation", "translate",
                "outcome", "CONNECTION_ERROR", "status", "none").timer().count());
        assertEquals(1, meters.get(MicrometerAudioMetrics.RETRIES).tags("reason", "connection").counter().count());
    }

    @Test
    void realtimeSessionsAreOpenUntilClosedAndReconnectsAreCounted() throws Exception {
        EMULATOR.enqueue(RealtimeFault.dropAfterAppends(20));
        String uri = "together-audio:realtime?pace=fast";
        byte[] pcm = TestAudio.threeTurnsPcm();

        Exchange exchange = template.send(uri, ExchangePattern.InOut, e -> {
            e.getMessage().setBody(pcm);
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "call-1");
        });

        assertNull(exchange.getException());
        LongTaskTimer sessions = meters.get(MicrometerAudioMetrics.SESSIONS).tags("model", WHISPER).longTaskTimer();
        assertEquals(1, sessions.activeTasks());
        assertEquals(1, meters.get(MicrometerAudioMetrics.RECONNECTS).counter().count());
        assertEquals(pcm.length / 32_000.0, meters.get(MicrometerAudioMetrics.AUDIO).tags("operation", "realtime")
                .counter().count(), 0.01, "audio sent once, however often it was replayed");

        template.send(uri, ExchangePattern.InOnly, e -> {
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "call-1");
            e.getMessage().setHeader(TogetherAudioConstants.REALTIME_ACTION, "close");
        });
        await().until(() -> sessions.activeTasks() == 0);
    }

    @Test
    void valuesARealtimeServerSentThatCouldNotBeUsedAreCounted() {
        EMULATOR.enqueue(RealtimeFault.sendAfterAppends(5, "{\"type\":\"input_audio_buffer.processed\","
                + "\"processed_ms\":-3}", "{\"type\":\"input_audio_buffer.processed\",\"processed_ms\":9e9}",
                "{\"type\":\"conversation.item.input_audio_transcription.delta\",\"delta\":\"x\",\"start\":\"a\"}"));

        Exchange exchange = template.send("together-audio:realtime?pace=fast", ExchangePattern.InOut, e -> {
            e.getMessage().setBody(TestAudio.speechPcm());
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "call-1");
        });

        assertNull(exchange.getException());
        assertEquals(3, meters.get(MicrometerAudioMetrics.IGNORED_VALUES).tags("model", WHISPER).counter().count(),
                "a negative and a too-late watermark, a start that is no number");
    }

    @Test
    void theComponentRecordsNothingWhenMetricsAreSwitchedOff() throws Exception {
        TogetherAudioComponent off = new TogetherAudioComponent();
        off.setMetricsEnabled(false);
        off.getConfiguration().setBaseUrl(EMULATOR.baseUrl());
        off.getConfiguration().setApiKey(EMULATOR.apiKey());
        context.addComponent("audio-off", off);

        assertNull(send("audio-off:transcribe", SPEECH_WAV.toFile()).getException());

        assertTrue(meters.find(MicrometerAudioMetrics.REQUESTS).meters().isEmpty());
    }

    private static long size() {
        try {
            return Files.size(SPEECH_WAV);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
