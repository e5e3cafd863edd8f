package io.cameltogether.audio.client.realtime;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.cameltogether.audio.TestAudio;
import io.cameltogether.audio.client.ApiKey;
import io.cameltogether.audio.client.AudioMetrics;
import io.cameltogether.audio.client.transport.Network;
import io.cameltogether.audio.emulator.RealtimeFault;
import io.cameltogether.audio.emulator.RecordedRealtimeSession;
import io.cameltogether.audio.emulator.TogetherAudioEmulatorExtension;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session logic alone, against the emulator: turns, reconnects with replay, no duplicates. */
class RealtimeSessionTest {

    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    private Vertx vertx;
    private final List<TranscriptEvent> finals = new CopyOnWriteArrayList<>();
    private final List<RealtimeException> errors = new CopyOnWriteArrayList<>();
    /** What the listener answers when asked whether its transcripts are delivered, and how often it was asked. */
    private volatile CompletableFuture<Void> deliveries = CompletableFuture.completedFuture(null);
    private final AtomicInteger deliveriesAsked = new AtomicInteger();
    private final AtomicInteger finalsWhenFirstAsked = new AtomicInteger(-1);

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
        return client(Duration.ofSeconds(5), 3);
    }

    private RealtimeClient client(Duration sessionCreatedTimeout, int reconnectAttempts) {
        RealtimeSettings settings = new RealtimeSettings(
                new RealtimeSettings.Connection(URI.create(EMULATOR.baseUrl()), ApiKey.of(EMULATOR.apiKey()),
                        Network.DEFAULT, Duration.ofSeconds(5), sessionCreatedTimeout, Duration.ofSeconds(30),
                        Duration.ofSeconds(200)),
                new RealtimeSettings.Recovery(reconnectAttempts, Duration.ofSeconds(30), Duration.ofMillis(20),
                        Duration.ofSeconds(30)),
                Duration.ofMillis(300));
        RealtimeSessionConfig config = new RealtimeSessionConfig("openai/whisper-large-v3", List.of(),
                RealtimeAudioFormat.PCM_S16LE_16000, "en", null, TurnDetection.serverDefaults());
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

            @Override
            public CompletableFuture<Void> delivered(String sessionId) {
                finalsWhenFirstAsked.compareAndSet(-1, finals.size());
                deliveriesAsked.incrementAndGet();
                return deliveries;
            }
        }, AudioMetrics.NONE);
    }

    private List<TranscriptEvent> stream(byte[] pcm) throws Exception {
        try (RealtimeClient client = client()) {
            return streamThrough(client, pcm);
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

    static Stream<Arguments> serverShapes() {
        return Stream.of(Arguments.of(false, false), Arguments.of(false, true), Arguments.of(true, false),
                Arguments.of(true, true));
    }

    /**
     * Each shape a server may send: timing fields on its consumed-speech clock, or the bare {type, transcript} of
     * Together's docs; with or without the processed watermark.
     */
    @ParameterizedTest(name = "bare events: {0}, processed: {1}")
    @MethodSource("serverShapes")
    void droppedConnectionLosesNoSpeechAndDuplicatesNothing(boolean bare, boolean processed) throws Exception {
        EMULATOR.withBareTranscriptionEvents(bare).withProcessedEvents(processed);
        List<TranscriptEvent> clean = stream(TestAudio.threeTurnsPcm());
        for (int dropAfter : new int[] { 30, 90, 120, 150 }) { // in a turn, between turns, near the end
            EMULATOR.reset();
            EMULATOR.withBareTranscriptionEvents(bare).withProcessedEvents(processed);
            finals.clear();
            EMULATOR.enqueue(RealtimeFault.dropAfterAppends(dropAfter));

            List<TranscriptEvent> recovered = stream(TestAudio.threeTurnsPcm());

            assertEquals(2, EMULATOR.realtimeSessions().size(), "one reconnect");
            assertEquals(texts(clean), texts(recovered), "dropped after " + dropAfter + " appends");
            assertEquals(3, clean.size());
            assertEquals(clean.stream().map(TranscriptEvent::start).toList(),
                    recovered.stream().map(TranscriptEvent::start).toList(), "each placed where it was");
            assertTrue(errors.isEmpty(), errors.toString());
        }
    }

    @Test
    void appendedAudioIsCoveredOnlyOnceTheFinalTranscriptOfItsSpeechIsDelivered() throws Exception {
        CompletableFuture<Void> deliveredByTheRoute = new CompletableFuture<>();
        deliveries = deliveredByTheRoute;
        byte[] pcm = TestAudio.threeTurnsPcm();
        int turn = pcm.length / 3; // the sentence and two seconds of silence

        try (RealtimeClient client = client()) {
            RealtimeSession session = client.session("call-1");
            CompletableFuture<Void> firstTurn = new CompletableFuture<>();
            CompletableFuture<Void> everything = new CompletableFuture<>();
            session.append(Arrays.copyOfRange(pcm, 0, turn), firstTurn).get(10, TimeUnit.SECONDS);
            session.append(Arrays.copyOfRange(pcm, turn, pcm.length), everything).get(10, TimeUnit.SECONDS);

            // the first final has covered the first turn and the session asks whether it is delivered yet
            await().until(() -> deliveriesAsked.get() > 0);
            assertTrue(finalsWhenFirstAsked.get() >= 1, "coverage asked after the final was handed over");
            assertFalse(firstTurn.isDone(), "covered before its transcript was delivered");
            deliveredByTheRoute.complete(null);
            firstTurn.get(10, TimeUnit.SECONDS);
            session.commit(); // a call's last audio is covered by the commit that ends it
            everything.get(30, TimeUnit.SECONDS);
            assertEquals(3, finals.size());
        }
    }

    @Test
    void coverageFailsWhenTheSessionFails() throws Exception {
        EMULATOR.enqueue(RealtimeFault.dropAfterAppends(5));

        try (RealtimeClient client = client(Duration.ofSeconds(5), 0)) {
            CompletableFuture<Void> covered = new CompletableFuture<>();
            client.session("call-1").append(TestAudio.speechPcm(), covered);

            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> covered.get(30, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof RealtimeException, failure.toString());
        }
    }

    private static List<String> texts(List<TranscriptEvent> events) {
        return events.stream().map(TranscriptEvent::text).toList();
    }

    @Test
    void aDroppedConnectionIsAnAbnormalClosure() throws Exception {
        EMULATOR.enqueue(RealtimeFault.dropAfterAppends(5));

        try (RealtimeClient client = client(Duration.ofSeconds(5), 0)) {
            RealtimeSession session = client.session("call-1");
            for (int i = 0; i < 10; i++) {
                session.append(new byte[3200]);
            }
            await().until(() -> !errors.isEmpty());
        }

        assertTrue(errors.get(0).getMessage().contains("connection closed with 1006 (abnormal closure"),
                errors.get(0).getMessage());
        assertEquals(1006, errors.get(0).getCloseCode());
    }

    @Test
    void aMissingSessionCreatedCountsAsOneFailedAttemptAndSaysHowLongItWaited() throws Exception {
        EMULATOR.enqueue(RealtimeFault.noSessionCreated());

        List<TranscriptEvent> once;
        try (RealtimeClient client = client(Duration.ofMillis(1500), 1)) {
            once = streamThrough(client, TestAudio.speechPcm());
        }

        assertEquals(1, once.size(), "the one reconnect allowed recovered the session");
        assertEquals(2, EMULATOR.realtimeSessions().size());
        assertTrue(errors.isEmpty(), errors.toString());
        EMULATOR.reset();
        EMULATOR.enqueue(RealtimeFault.noSessionCreated(), RealtimeFault.noSessionCreated());
        try (RealtimeClient client = client(Duration.ofMillis(1500), 1)) {
            client.session("call-1").append(new byte[3200]);
            await().until(() -> !errors.isEmpty());
        }
        assertTrue(errors.get(0).getMessage().contains("gave up after 1 reconnection attempts: no session.created "
                + "within 1500 ms"), errors.get(0).getMessage());
    }

    @Test
    void aRefusedHandshakeIsRetriedAfterItsRetryAfter() throws Exception {
        EMULATOR.enqueue(RealtimeFault.handshakeStatus(429, Duration.ofSeconds(1)));
        long start = System.nanoTime();

        List<TranscriptEvent> result = stream(TestAudio.speechPcm());

        assertEquals(1, result.size());
        assertTrue(System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(1), "waited the Retry-After second");
    }

    private static List<TranscriptEvent> streamThrough(RealtimeClient client, byte[] pcm) throws Exception {
        RealtimeSession session = client.session("call-1");
        List<TranscriptEvent> collected = session.collectFinals();
        for (int from = 0; from < pcm.length; from += 3200) {
            session.append(Arrays.copyOfRange(pcm, from, Math.min(pcm.length, from + 3200))).get(10, TimeUnit.SECONDS);
        }
        return session.commitAndAwaitFinal(collected).get(30, TimeUnit.SECONDS);
    }
}
