package io.cameltogether.audio.client.realtime;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.cameltogether.audio.TestAudio;
import io.cameltogether.audio.client.ApiKey;
import io.cameltogether.audio.client.AudioMetrics;
import io.cameltogether.audio.emulator.RealtimeFault;
import io.cameltogether.audio.emulator.RecordedRealtimeSession;
import io.cameltogether.audio.emulator.TogetherAudioEmulatorExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session logic alone, against the emulator: turns, reconnects with replay, no duplicates. */
class RealtimeSessionTest {

    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    private Vertx vertx;
    private final List<TranscriptEvent> finals = new CopyOnWriteArrayList<>();
    private final List<RealtimeException> errors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The replay buffer holds 30 s: these tests stream far faster than real time, so audio runs ahead. */
    private RealtimeClient client() {
        RealtimeSettings settings = new RealtimeSettings(URI.create(EMULATOR.baseUrl()), ApiKey.of(EMULATOR.apiKey()),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30), 3, Duration.ofSeconds(30),
                Duration.ofMillis(20), Duration.ofSeconds(30), Duration.ofSeconds(200), Duration.ofMillis(300));
        RealtimeSessionConfig config = new RealtimeSessionConfig("openai/whisper-large-v3",
                RealtimeAudioFormat.PCM_S16LE_16000, "en", null, new TurnDetection(true, null, null, null, null, null));
        return new RealtimeClient(vertx, settings, config, Duration.ofMinutes(5), 10, new RealtimeListener() {
            @Override
            public void onTranscript(TranscriptEvent event) {
                if (event.isFinal()) {
                    finals.add(event);
                }
            }

            @Override
            public void onError(RealtimeException error) {
                errors.add(error);
            }
        }, AudioMetrics.NONE);
    }

    private List<TranscriptEvent> stream(byte[] pcm) throws Exception {
        try (RealtimeClient client = client()) {
            RealtimeSession session = client.session("call-1");
            List<TranscriptEvent> collected = session.collectFinals();
            for (int from = 0; from < pcm.length; from += 3200) {
                session.append(Arrays.copyOfRange(pcm, from, Math.min(pcm.length, from + 3200))).get(10, TimeUnit.SECONDS);
            }
            return session.commitAndAwaitFinal(collected).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void eachSpeechTurnBecomesOneFinalTranscriptTimedInTheAudio() throws Exception {
        List<TranscriptEvent> result = stream(TestAudio.threeTurnsPcm());

        assertEquals(3, result.size(), result.toString());
        assertTrue(result.get(0).text().startsWith("(emulated)"));
        assertTrue(result.get(1).start() > 4.5 && result.get(1).start() < 6.5, result.get(1).toString());
        assertTrue(errors.isEmpty(), errors.toString());
        RecordedRealtimeSession recorded = EMULATOR.realtimeSessions().get(0);
        assertEquals("openai/whisper-large-v3", recorded.query().get("model"));
        assertEquals("realtime=v1", recorded.header("OpenAI-Beta"));
        assertEquals("transcription_session.updated", recorded.clientEvents().get(0));
        assertTrue(recorded.maxAppendMillis() <= 1000);
        assertFalse(recorded.query().toString().contains(EMULATOR.apiKey()));
    }

    @Test
    void droppedConnectionLosesNoSpeechAndDuplicatesNothing() throws Exception {
        List<TranscriptEvent> clean = stream(TestAudio.threeTurnsPcm());
        EMULATOR.reset();
        finals.clear();
        EMULATOR.enqueue(RealtimeFault.dropAfterAppends(90)); // mid second sentence

        List<TranscriptEvent> recovered = stream(TestAudio.threeTurnsPcm());

        assertEquals(2, EMULATOR.realtimeSessions().size(), "one reconnect");
        assertEquals(clean.size(), recovered.size(), recovered.toString());
        for (int i = 0; i < clean.size(); i++) {
            assertEquals(clean.get(i).start(), recovered.get(i).start(), 0.05, "turn " + i + " at the same time");
        }
        List<Double> starts = new ArrayList<>(recovered.stream().map(TranscriptEvent::start).toList());
        assertEquals(starts.stream().distinct().count(), starts.size(), "no turn emitted twice");
    }
}
