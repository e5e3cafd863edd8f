package io.cameltogether.audio;

import java.util.Arrays;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.cameltogether.audio.client.realtime.RealtimeException;
import io.cameltogether.audio.client.realtime.SessionEvent;
import io.cameltogether.audio.client.result.Segment;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.emulator.RealtimeFault;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** together-audio:realtime in routes: drops, refusals, fail-over, failed turns and dead servers, recovered or reported. */
class RealtimeRecoveryTest extends RealtimeRouteTestSupport {

    /** Both event shapes: with the optional timing fields, and the bare {type, transcript} of Together's docs. */
    @ParameterizedTest(name = "bare events: {0}")
    @ValueSource(booleans = { false, true })
    void droppedSocketAnd4503AndRefusedHandshakeAreRecoveredWithoutLosingOrRepeatingSpeech(boolean bare) {
        byte[] pcm = TestAudio.threeTurnsPcm();
        EMULATOR.withBareTranscriptionEvents(bare);
        TranscriptionResult clean = request(REALTIME + "&outputFormat=result", pcm, "clean")
                .getMessage().getBody(TranscriptionResult.class);
        List<RealtimeFault[]> faults = List.of(
                new RealtimeFault[] { RealtimeFault.dropAfterAppends(90) },
                new RealtimeFault[] { RealtimeFault.closeAfterAppends(60, 4503, "no_healthy_workers") },
                new RealtimeFault[] { RealtimeFault.handshakeStatus(503), RealtimeFault.handshakeStatus(429) },
                new RealtimeFault[] { RealtimeFault.fatalAfterAppends(100, "server_overloaded") });
        for (RealtimeFault[] fault : faults) {
            EMULATOR.reset();
            EMULATOR.withBareTranscriptionEvents(bare);
            EMULATOR.enqueue(fault);

            Exchange exchange = request(REALTIME + "&outputFormat=result", pcm, "recovering-" + faults.indexOf(fault));

            assertNull(exchange.getException(), Arrays.toString(fault));
            TranscriptionResult recovered = exchange.getMessage().getBody(TranscriptionResult.class);
            assertEquals(clean.segments().stream().map(Segment::text).toList(),
                    recovered.segments().stream().map(Segment::text).toList(), Arrays.toString(fault));
            for (int i = 0; i < clean.segments().size(); i++) {
                assertEquals(clean.segments().get(i).start(), recovered.segments().get(i).start(), 0.05);
            }
        }
    }

    @Test
    void anEndpointThatCannotServeTheModelFailsOverToTheNextFallbackModelAtOnce() {
        byte[] pcm = TestAudio.threeTurnsPcm();
        TranscriptionResult clean = request(REALTIME + "&outputFormat=result", pcm, "clean")
                .getMessage().getBody(TranscriptionResult.class);
        EMULATOR.reset();
        EMULATOR.enqueue(RealtimeFault.fatalAfterAppends(60, "no_healthy_upstream"),
                RealtimeFault.fatalAfterAppends(30, "no_healthy_upstream"));

        Exchange exchange = request(REALTIME + "&outputFormat=result&reconnectDelay=60000"
                + "&fallbackModels=nvidia/parakeet-tdt-0.6b-v3, deepgram/nova-3-en", pcm, "failing-over");

        assertNull(exchange.getException());
        assertEquals(clean.segments().stream().map(Segment::text).toList(), exchange.getMessage()
                .getBody(TranscriptionResult.class).segments().stream().map(Segment::text).toList());
        assertEquals(List.of("openai/whisper-large-v3", "nvidia/parakeet-tdt-0.6b-v3", "deepgram/nova-3-en"),
                EMULATOR.realtimeSessions().stream().map(r -> r.query().get("model")).toList(),
                "each model in turn, without the minute's backoff");
    }

    @Test
    void anEndpointThatCannotServeTheModelFailsTheSessionWhenNoFallbackIsLeft() throws Exception {
        EMULATOR.enqueue(RealtimeFault.fatalAfterAppends(10, "no_healthy_upstream"));
        MockEndpoint errors = getMockEndpoint("mock:errors");
        errors.expectedMinimumMessageCount(1);

        Exchange exchange = request(REALTIME, TestAudio.threeTurnsPcm(), "no-fallback");

        RealtimeException e = assertInstanceOf(RealtimeException.class, exchange.getException());
        assertTrue(e.isFatal());
        assertEquals("no_healthy_upstream", e.getCode());
        assertTrue(e.getMessage().contains("cannot serve model openai/whisper-large-v3")
                && e.getMessage().contains("fallbackModels"), e.getMessage());
        errors.assertIsSatisfied();
        assertEquals(1, EMULATOR.realtimeSessions().size(), "not retried against the same endpoint");
    }

    @Test
    void deadSilentServerIsDetectedAndTheSessionReconnects() {
        EMULATOR.enqueue(RealtimeFault.muteAfterAppends(20));

        Exchange exchange = request(REALTIME + "&outputFormat=result&serverSilenceTimeout=2000",
                TestAudio.threeTurnsPcm(), "muted");

        assertNull(exchange.getException());
        assertEquals(3, exchange.getMessage().getBody(TranscriptionResult.class).segments().size());
        assertEquals(2, EMULATOR.realtimeSessions().size());
        assertTrue(EMULATOR.realtimeSessions().get(0).clientEvents().contains("echo"), "probed before giving up");
    }

    @Test
    void wrongKeyFailsTheSessionAtOnceWithAClearErrorAndNoRetry() throws Exception {
        EMULATOR.withApiKey("another-key");
        MockEndpoint errors = getMockEndpoint("mock:errors");
        errors.expectedMinimumMessageCount(1);

        Exchange exchange = request(REALTIME, TestAudio.speechPcm(), "unauthorized");

        RealtimeException e = assertInstanceOf(RealtimeException.class, exchange.getException());
        assertTrue(e.isFatal());
        assertEquals("invalid_api_key", e.getCode());
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        errors.assertIsSatisfied();
        assertTrue(EMULATOR.realtimeSessions().isEmpty(), "refused at the handshake, never retried");
    }

    @Test
    void unknownModelIsFatal() {
        Exchange exchange = request(REALTIME + "&model=acme/unknown", TestAudio.speechPcm(), "model");

        RealtimeException e = assertInstanceOf(RealtimeException.class, exchange.getException());
        assertEquals("model_not_available", e.getCode());
        assertEquals(1, EMULATOR.realtimeSessions().size());
    }

    @Test
    void failedTurnReachesTheRoutesErrorHandlingAndTheSessionGoesOn() throws Exception {
        EMULATOR.enqueue(RealtimeFault.turnFailed("transcription_failed"));
        MockEndpoint errors = getMockEndpoint("mock:errors");
        errors.expectedMessageCount(1);

        Exchange exchange = template.send(REALTIME, ExchangePattern.InOut, e -> { // the consumer's own endpoint
            e.getMessage().setBody(TestAudio.threeTurnsPcm());
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "flaky");
            e.getMessage().setHeader(TogetherAudioConstants.OUTPUT_FORMAT, "result");
        });

        errors.assertIsSatisfied();
        RealtimeException turnError = errors.getExchanges().get(0)
                .getProperty(Exchange.EXCEPTION_CAUGHT, RealtimeException.class);
        assertFalse(turnError.isFatal());
        assertEquals("transcription_failed", turnError.getCode());
        assertEquals(2, exchange.getMessage().getBody(TranscriptionResult.class).segments().size(), "later turns");
    }

    @Test
    void missingSessionCreatedTimesOutAndTheSessionConnectsAgain() {
        EMULATOR.enqueue(RealtimeFault.noSessionCreated());

        Exchange exchange = request(REALTIME + "&sessionCreatedTimeout=500", TestAudio.speechPcm(), "stuck");

        assertNull(exchange.getException());
        assertEquals(2, EMULATOR.realtimeSessions().size());
        assertTrue(exchange.getMessage().getBody(String.class).startsWith("(emulated)"));
    }

    @Test
    void atFastPaceFlowControlKeepsEverySentSecondReplayableWhenTheServerGoesSilent() throws Exception {
        String uri = "together-audio:realtime?pace=fast&includeSessionEvents=true&replayBufferDuration=5000"
                + "&serverSilenceTimeout=2000&bridgeErrorHandler=true&outputFormat=result";
        routeSessionEvents(uri);
        MockEndpoint events = getMockEndpoint("mock:sessionEvents");
        TranscriptionResult clean = request(REALTIME + "&outputFormat=result", TestAudio.threeTurnsPcm(), "clean")
                .getMessage().getBody(TranscriptionResult.class);
        EMULATOR.enqueue(RealtimeFault.muteAfterAppends(30)); // the server goes silent after 3 s of audio

        // 16.6 s of three turns from a file-like body, as fast as the session takes it: the sender waits while
        // more than the 5 s replay buffer is untranscribed, so the reconnect replays everything not yet transcribed
        Exchange fed = request(uri, TestAudio.threeTurnsPcm(), "flow");
        action(uri, "flow", "close");
        await().until(() -> types(events).contains("session.closed"));

        assertNull(fed.getException());
        assertSameSpeech(clean, fed.getMessage().getBody(TranscriptionResult.class));
        assertEquals(List.of("session.opened", "session.reconnecting", "session.reconnected", "session.closed"),
                types(events), "no audio gap");
        SessionEvent reconnected = events.getReceivedExchanges().get(2).getMessage().getBody(SessionEvent.class);
        assertTrue(reconnected.millis() > 0 && reconnected.millis() <= 6000,
                "the replay held no more than the buffer and the appends in flight: " + reconnected.millis());
    }

    @Test
    void aLiveSourceThatOverrunsTheReplayBufferHearsOfTheSpeechThatCouldNotBeReplayed() throws Exception {
        String uri = "together-audio:realtime?includeSessionEvents=true&replayBufferDuration=5000"
                + "&serverSilenceTimeout=2000&bridgeErrorHandler=true";
        routeSessionEvents(uri);
        MockEndpoint lostSpeech = getMockEndpoint("mock:lostSpeech");
        MockEndpoint events = getMockEndpoint("mock:sessionEvents");
        EMULATOR.enqueue(RealtimeFault.muteAfterAppends(30)); // the server goes silent after 3 s of audio

        // a live source hands over 16.6 s of raw PCM in 100 ms chunks as fast as they are sent; it cannot wait for
        // transcripts, so 5 s are kept for replay, and the session notices the silent server and reconnects
        byte[] pcm = TestAudio.threeTurnsPcm();
        for (int from = 0; from < pcm.length; from += 3200) {
            template.sendBodyAndHeader(uri, Arrays.copyOfRange(pcm, from, Math.min(pcm.length, from + 3200)),
                    TogetherAudioConstants.SESSION_ID, "gap");
        }
        await().until(() -> types(events).contains("session.audio_gap"));
        action(uri, "gap", "close");
        await().until(() -> types(events).contains("session.closed"));

        assertEquals(List.of("session.opened", "session.reconnecting", "session.reconnected", "session.audio_gap",
                "session.closed"), types(events));
        SessionEvent reconnected = events.getReceivedExchanges().get(2).getMessage().getBody(SessionEvent.class);
        SessionEvent gap = events.getReceivedExchanges().get(3).getMessage().getBody(SessionEvent.class);
        assertEquals("gap", gap.sessionId());
        assertEquals(5000, reconnected.millis(), 100, "the replay buffer's worth was sent again");
        assertEquals(11_600, gap.millis(), 200, "what had left the replay buffer is reported lost");
        RealtimeException error = lostSpeech.getReceivedExchanges().get(0)
                .getProperty(Exchange.EXCEPTION_CAUGHT, RealtimeException.class);
        assertEquals(RealtimeException.AUDIO_GAP, error.getCode(), "without session events, the error handler hears it");
        assertFalse(error.isFatal());
    }

    /**
     * Every turn of the clean run is transcribed, once: a commit the full replay buffer forced may split a turn in
     * two, but together the parts cover it (less the speech padding the server's VAD adds at a cut), and no two
     * transcripts cover the same audio.
     */
    private static void assertSameSpeech(TranscriptionResult clean, TranscriptionResult recovered) {
        for (Segment turn : clean.segments()) {
            double covered = recovered.segments().stream()
                    .mapToDouble(s -> Math.max(0, Math.min(s.end(), turn.end()) - Math.max(s.start(), turn.start())))
                    .sum();
            assertEquals(turn.end() - turn.start(), covered, 0.5, "turn at " + turn.start() + " in " + recovered);
        }
        for (int i = 1; i < recovered.segments().size(); i++) {
            assertTrue(recovered.segments().get(i).start() >= recovered.segments().get(i - 1).end() - 0.05,
                    "no audio transcribed twice: " + recovered.segments());
        }
    }
}
