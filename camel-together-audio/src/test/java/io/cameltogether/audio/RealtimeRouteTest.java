package io.cameltogether.audio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.cameltogether.audio.client.realtime.RealtimeException;
import io.cameltogether.audio.client.realtime.SessionEvent;
import io.cameltogether.audio.client.result.Segment;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.emulator.RealtimeFault;
import io.cameltogether.audio.emulator.RecordedRealtimeSession;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** together-audio:realtime in routes: producer actions and bodies, the consumer, faults and recovery. */
class RealtimeRouteTest extends EmulatorTestSupport {

    /** Producer and consumer share this endpoint, hence its sessions; failures go to the route's error handler. */
    static final String REALTIME = "together-audio:realtime?pace=fast&bridgeErrorHandler=true";

    @TempDir
    Path dir;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        realtimeFasterThanRealTime(context).setReconnectDelay(20);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                onException(RealtimeException.class).handled(true).to("mock:errors");
                from(REALTIME).routeId("transcripts").to("mock:transcripts");
                from("together-audio:realtime?pace=fast&includeDeltas=true&turnDetection=none").to("mock:withDeltas");
            }
        };
    }

    private Exchange request(String uri, Object body, String sessionId) {
        return template.send(uri, ExchangePattern.InOut, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, sessionId);
        });
    }

    private Exchange action(String uri, String sessionId, String action) {
        return template.send(uri, ExchangePattern.InOnly, e -> {
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, sessionId);
            e.getMessage().setHeader(TogetherAudioConstants.REALTIME_ACTION, action);
        });
    }

    @Test
    void wholeFileInOutReturnsTheFinalTranscriptAndTheConsumerGetsEachTurn() throws Exception {
        MockEndpoint transcripts = getMockEndpoint("mock:transcripts");
        transcripts.expectedMessageCount(3);
        Path wav = Files.write(dir.resolve("call.wav"), TestAudio.wav(TestAudio.threeTurnsPcm(), 1, 1, false));

        Exchange exchange = request(REALTIME, wav.toFile(), "call-1");

        assertNull(exchange.getException());
        String text = exchange.getMessage().getBody(String.class);
        assertEquals(3, text.split("\\(emulated\\)", -1).length - 1, text);
        transcripts.assertIsSatisfied();
        Exchange first = transcripts.getExchanges().get(0);
        assertEquals("call-1", first.getMessage().getHeader(TogetherAudioConstants.SESSION_ID));
        assertEquals(Boolean.TRUE, first.getMessage().getHeader(TogetherAudioConstants.FINAL));
        assertEquals(0.0, first.getMessage().getHeader(TogetherAudioConstants.START, Double.class), 0.3);
        assertEquals(4.5, first.getMessage().getHeader(TogetherAudioConstants.DURATION, Double.class), 0.5);
        assertTrue(first.getMessage().getHeader(TogetherAudioConstants.EVENT_TYPE, String.class).endsWith(".completed"));
        assertTrue(EMULATOR.realtimeSessions().get(0).maxAppendMillis() <= 100.5, "appends of chunkDurationMs");
    }

    @Test
    void resultOutputGivesOneSegmentPerTurnWithItsTiming() {
        Exchange exchange = request(REALTIME + "&outputFormat=result", TestAudio.threeTurnsPcm(), "call-2");

        TranscriptionResult result = exchange.getMessage().getBody(TranscriptionResult.class);
        assertEquals(3, result.segments().size());
        assertEquals(5.3, result.segments().get(1).start(), 0.3, "the second sentence starts after 4.5 s and a pause");
        assertEquals(TestAudio.threeTurnsPcm().length / 32_000.0, result.duration(), 0.1);
    }

    @Test
    void wavOfAnotherRateChannelCountAndDepthIsConvertedToTheSessionFormat() {
        byte[] pcm = TestAudio.threeTurnsPcm();
        TranscriptionResult direct = request(REALTIME + "&outputFormat=result", pcm, "direct")
                .getMessage().getBody(TranscriptionResult.class);
        for (byte[] wav : List.of(TestAudio.wav(pcm, 3, 2, false), TestAudio.wav(pcm, 2, 1, true))) {
            EMULATOR.reset();

            TranscriptionResult converted = request(REALTIME + "&outputFormat=result", wav, "converted-" + wav.length)
                    .getMessage().getBody(TranscriptionResult.class);

            assertEquals(pcm.length, EMULATOR.realtimeSessions().get(0).audioBytes(), 64, "16 kHz mono 16-bit out");
            assertEquals(direct.segments().size(), converted.segments().size());
            for (int i = 0; i < direct.segments().size(); i++) {
                assertEquals(direct.segments().get(i).start(), converted.segments().get(i).start(), 0.05);
            }
        }
    }

    @Test
    void rawPcmChunksFromARouteWithCommitWhenTurnDetectionIsOff() throws Exception {
        MockEndpoint withDeltas = getMockEndpoint("mock:withDeltas");
        String uri = "together-audio:realtime?pace=fast&includeDeltas=true&turnDetection=none";
        byte[] pcm = TestAudio.speechPcm();
        for (int from = 0; from < pcm.length; from += 6400) {
            byte[] chunk = Arrays.copyOfRange(pcm, from, Math.min(pcm.length, from + 6400));
            template.send(uri, ExchangePattern.InOnly, e -> {
                e.getMessage().setBody(chunk);
                e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "agent-7");
            });
        }
        await().until(() -> EMULATOR.realtimeSessions().size() == 1
                && EMULATOR.realtimeSessions().get(0).audioBytes() == pcm.length);
        assertEquals(0, withDeltas.getReceivedCounter(), "turn detection is off: nothing before the commit");
        withDeltas.expectedMessageCount(1);

        assertNull(action(uri, "agent-7", "commit").getException());

        withDeltas.assertIsSatisfied();
        assertEquals(Boolean.TRUE, withDeltas.getExchanges().get(0).getMessage().getHeader(TogetherAudioConstants.FINAL));
        assertEquals(pcm.length / 32_000.0,
                withDeltas.getExchanges().get(0).getMessage().getHeader(TogetherAudioConstants.DURATION, Double.class), 0.05);
        assertTrue(EMULATOR.realtimeSessions().get(0).clientEvents().contains("input_audio_buffer.commit"));
    }

    @Test
    void deltasArriveBeforeTheFinalWhenIncluded() throws Exception {
        MockEndpoint withDeltas = getMockEndpoint("mock:withDeltas");
        String vadUri = "together-audio:realtime?pace=fast&includeDeltas=true";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(vadUri).to("mock:vadDeltas");
            }
        });
        MockEndpoint deltas = getMockEndpoint("mock:vadDeltas");

        request(vadUri, TestAudio.speechPcm(), "deltas");

        List<Boolean> finals = deltas.getExchanges().stream()
                .map(e -> e.getMessage().getHeader(TogetherAudioConstants.FINAL, Boolean.class)).toList();
        assertTrue(finals.size() >= 3 && !finals.get(0) && finals.get(finals.size() - 1), finals.toString());
        assertEquals(0, withDeltas.getReceivedCounter(), "other endpoints' sessions are their own");
    }

    @Test
    void manyConcurrentSessionsEachGetTheirOwnTranscripts() throws Exception {
        MockEndpoint transcripts = getMockEndpoint("mock:transcripts");
        transcripts.expectedMessageCount(10);
        byte[] pcm = TestAudio.speechPcm();
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String session = "call-" + i;
            calls.add(template.asyncSend(REALTIME, e -> {
                e.setPattern(ExchangePattern.InOut);
                e.getMessage().setBody(pcm);
                e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, session);
            }));
        }
        for (CompletableFuture<Exchange> call : calls) {
            assertTrue(call.get().getMessage().getBody(String.class).startsWith("(emulated)"));
        }

        transcripts.assertIsSatisfied();
        assertEquals(10, transcripts.getExchanges().stream()
                .map(e -> e.getMessage().getHeader(TogetherAudioConstants.SESSION_ID)).distinct().count());
        assertEquals(10, EMULATOR.realtimeSessions().size());
    }

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
                new RealtimeFault[] { RealtimeFault.fatalAfterAppends(100, "no_healthy_upstream") });
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
    void clearAndCloseActionsAndIdleSessionsClose() throws Exception {
        String uri = REALTIME + "&sessionIdleTimeout=400";
        template.send(uri, ExchangePattern.InOnly, e -> {
            e.getMessage().setBody(TestAudio.speechPcm());
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "a");
        });
        assertNull(action(uri, "a", "clear").getException());
        assertNull(action(uri, "a", "close").getException());
        template.send(uri, ExchangePattern.InOnly, e -> {
            e.getMessage().setBody(new byte[3200]);
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "b");
        });
        await().until(() -> EMULATOR.realtimeSessions().size() == 2
                && EMULATOR.realtimeSessions().stream().allMatch(r -> r.closeCode() != 0));

        List<RecordedRealtimeSession> sessions = EMULATOR.realtimeSessions();
        assertTrue(sessions.get(0).clientEvents().contains("input_audio_buffer.clear"));
        assertEquals(1000, sessions.get(0).closeCode(), "closed by the close action");
        assertEquals(1000, sessions.get(1).closeCode(), "closed after sessionIdleTimeout");
        assertTrue(action(uri, "a", "rewind").getException().getMessage().contains("use append, commit, clear or close"));
    }

    @Test
    void keepAliveHoldsAnIdleSessionOpenAcrossTheServersIdleTimeout() throws Exception {
        EMULATOR.withRealtimeIdleTimeout(Duration.ofMillis(1500));
        String uri = REALTIME + "&keepAliveInterval=500&sessionIdleTimeout=60000";
        template.send(uri, ExchangePattern.InOnly, e -> e.getMessage().setBody(new byte[3200]));

        // a keep-alive a second: the fourth append comes well after the server's 1.5 s idle timeout would have struck
        await().atMost(Duration.ofSeconds(20)).until(() -> EMULATOR.realtimeSessions().get(0).appends() >= 4);

        assertEquals(0, EMULATOR.realtimeSessions().get(0).closeCode(), "still open: silence kept it alive");
    }

    @Test
    void stoppingTheContextClosesEverySessionAndTheComponentsVertx() throws Exception {
        for (String id : List.of("x", "y")) {
            template.send(REALTIME, ExchangePattern.InOnly, e -> {
                e.getMessage().setBody(TestAudio.speechPcm());
                e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, id);
            });
        }
        await().until(() -> EMULATOR.realtimeSessions().size() == 2);
        TogetherAudioComponent component = context.getComponent("together-audio", TogetherAudioComponent.class);
        assertTrue(component.getVertx() != null, "realtime made the component's Vert.x");

        context.stop();

        assertEquals(2, EMULATOR.realtimeSessions().size());
        EMULATOR.realtimeSessions().forEach(s -> assertEquals(1000, s.closeCode(), "closed cleanly"));
        assertNull(component.getVertx(), "the component closed the Vert.x it made");
    }

    @Test
    void stoppingTheContextDeliversTheTranscriptOfTheTurnStillOpen() throws Exception {
        byte[] speech = TestAudio.speechPcm(); // no silence after it: the turn stays open
        template.send(REALTIME, ExchangePattern.InOnly, e -> {
            e.getMessage().setBody(speech);
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "last-turn");
        });
        await().until(() -> EMULATOR.realtimeSessions().size() == 1
                && EMULATOR.realtimeSessions().get(0).audioBytes() == speech.length);
        MockEndpoint transcripts = getMockEndpoint("mock:transcripts");

        context.stop();

        RecordedRealtimeSession session = EMULATOR.realtimeSessions().get(0);
        assertTrue(session.clientEvents().contains("input_audio_buffer.commit"), "the open turn was committed");
        assertFalse(session.completed().isEmpty());
        assertEquals(session.completed(), transcripts.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getBody(String.class)).toList(), "every transcript went through the route");
        assertEquals(1000, session.closeCode(), "then the session closed cleanly");
    }

    /** Routes the session events of this endpoint to mock:sessionEvents and its realtime errors to mock:lostSpeech. */
    private void routeSessionEvents(String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(RealtimeException.class).handled(true).to("mock:lostSpeech");
                from(uri).filter(header(TogetherAudioConstants.EVENT_TYPE).startsWith("session."))
                        .to("mock:sessionEvents");
            }
        });
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

    private static List<String> types(MockEndpoint events) {
        return events.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getHeader(TogetherAudioConstants.EVENT_TYPE, String.class)).toList();
    }

    @Test
    void aSlowRouteStepForOneCallDoesNotHoldUpAnother() throws Exception {
        String uri = "together-audio:realtime?pace=fast&concurrentConsumers=2";
        CountDownLatch slowEntered = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).process(e -> {
                    if ("slow".equals(e.getMessage().getHeader(TogetherAudioConstants.SESSION_ID))) {
                        slowEntered.countDown();
                        releaseSlow.await(20, TimeUnit.SECONDS);
                    }
                }).to("mock:bySession");
            }
        });
        MockEndpoint bySession = getMockEndpoint("mock:bySession");

        assertNull(request(uri, TestAudio.speechPcm(), "slow").getException());
        assertTrue(slowEntered.await(10, TimeUnit.SECONDS), "the slow call's transcript is in the route");
        assertNull(request(uri, TestAudio.speechPcm(), "fast").getException());

        await().until(() -> bySession.getReceivedCounter() == 1);
        assertEquals("fast", bySession.getReceivedExchanges().get(0).getMessage()
                .getHeader(TogetherAudioConstants.SESSION_ID), "went through while the slow call's step still ran");
        releaseSlow.countDown();
        await().until(() -> bySession.getReceivedCounter() == 2);
    }

    @Test
    void sessionSettingsGoOutAfterSessionCreatedAndShapeTheTurns() {
        String uri = REALTIME + "&outputFormat=result&language=de&prompt=Anna, Camel&minSilenceDurationMs=1500"
                + "&maxSpeechDurationS=30&minSpeechDurationMs=100&speechPadMs=100&vadThreshold=0.2";

        TranscriptionResult merged = request(uri, TestAudio.threeTurnsPcm(), "one-long-turn")
                .getMessage().getBody(TranscriptionResult.class);

        assertEquals(1, merged.segments().size(), "1 s pauses no longer end a turn");
        String update = EMULATOR.realtimeSessions().get(0).sessionUpdates().get(0);
        for (String expected : new String[] { "\"language\":\"de\"", "\"prompt\":\"Anna, Camel\"",
                "\"min_silence_duration_ms\":1500", "\"max_speech_duration_s\":30.0", "\"min_speech_duration_ms\":100",
                "\"speech_pad_ms\":100", "\"threshold\":0.2", "\"type\":\"server_vad\"" }) {
            assertTrue(update.contains(expected), expected + " in " + update);
        }
        assertEquals("transcription_session.updated", EMULATOR.realtimeSessions().get(0).clientEvents().get(0));
    }

    @Test
    void formatAndModelGoInTheQueryAndTheKeyOnlyInTheHeader() {
        request("together-audio:realtime?pace=fast&inputAudioFormat=pcm_s16le_8000&model=nvidia/parakeet-tdt-0.6b-v3",
                new byte[16_000], "q");

        RecordedRealtimeSession session = EMULATOR.realtimeSessions().get(0);
        assertEquals("pcm_s16le_8000", session.query().get("input_audio_format"));
        assertEquals("nvidia/parakeet-tdt-0.6b-v3", session.query().get("model"));
        assertEquals(2, session.query().size(), "nothing else in the URL: " + session.query());
        assertEquals("Bearer " + EMULATOR.apiKey(), session.header("Authorization"));
        assertNull(session.header("Sec-WebSocket-Protocol"), "no key in a subprotocol");
        assertEquals(0, session.binaryFrames(), "audio goes in text frames");
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
    void realtimePaceSendsFileAudioNoFasterThanItPlays() throws Exception {
        Path wav = Files.write(dir.resolve("short.wav"), TestAudio.wav(Arrays.copyOf(TestAudio.speechPcm(), 48_000), 1, 1, false));
        long start = System.nanoTime();

        template.send("together-audio:realtime?pace=realtime", ExchangePattern.InOnly, e -> e.getMessage().setBody(wav));

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 1300, "1.5 s of audio took " + millis + " ms to send");
    }

    @Test
    void pcmStreamsByteBuffersAndFileConsumerMessagesAreAccepted() throws Exception {
        byte[] pcm = TestAudio.speechPcm();
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + inbox + "?initialDelay=0&delay=50").setExchangePattern(ExchangePattern.InOut)
                        .setHeader(TogetherAudioConstants.SESSION_ID, simple("${file:name}"))
                        .to(REALTIME).to("mock:fromFiles");
            }
        });
        MockEndpoint fromFiles = getMockEndpoint("mock:fromFiles");
        fromFiles.expectedMessageCount(1);

        String fromStream = request(REALTIME, new java.io.ByteArrayInputStream(pcm), "stream").getMessage().getBody(String.class);
        String fromBuffer = request(REALTIME, java.nio.ByteBuffer.wrap(pcm), "buffer").getMessage().getBody(String.class);
        Files.write(inbox.resolve("voicemail.wav"), TestAudio.wav(pcm, 1, 2, false));

        fromFiles.assertIsSatisfied();
        assertTrue(fromStream.startsWith("(emulated)"));
        assertEquals(fromStream, fromBuffer, "the same audio gives the same emulated text");
        assertEquals(fromStream, fromFiles.getExchanges().get(0).getMessage().getBody(String.class));
    }

    @Test
    void moreThanFiftySessionsConnectAtOnce() throws Exception {
        List<CompletableFuture<Exchange>> sends = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String session = "s" + i;
            sends.add(template.asyncSend(REALTIME, e -> {
                e.getMessage().setBody(new byte[3200]);
                e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, session);
            }));
        }
        for (CompletableFuture<Exchange> send : sends) {
            assertNull(send.get(20, java.util.concurrent.TimeUnit.SECONDS).getException());
        }

        assertEquals(60, EMULATOR.realtimeSessions().size(), "Vert.x's default of 50 sockets per host is lifted");
    }

    @Test
    void sessionsBeyondMaxSessionsFailClearly() {
        String uri = REALTIME + "&maxSessions=2";
        for (String session : List.of("one", "two")) {
            template.send(uri, ExchangePattern.InOnly, e -> {
                e.getMessage().setBody(new byte[3200]);
                e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, session);
            });
        }

        Exchange third = template.send(uri, ExchangePattern.InOnly, e -> {
            e.getMessage().setBody(new byte[3200]);
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "three");
        });

        assertTrue(third.getException().getMessage().contains("2 are open (maxSessions)"), third.getException().getMessage());
    }

    @Test
    void audioWaitingForAConnectionIsBoundedAndTheExcessFailsForRedelivery() {
        EMULATOR.enqueue(RealtimeFault.handshakeStatus(503));
        String uri = REALTIME + "&replayBufferDuration=5000&reconnectDelay=500";
        List<CompletableFuture<Exchange>> sends = new ArrayList<>();
        for (int i = 0; i < 80; i++) { // 8 s of audio while no connection can be made
            sends.add(template.asyncSend(uri, e -> e.getMessage().setBody(new byte[3200])));
        }

        long failed = sends.stream().map(CompletableFuture::join).filter(e -> e.getException() != null).count();

        assertTrue(failed >= 25 && failed <= 35, "about 3 s of the 8 s over the 5 s bound fail: " + failed);
        sends.stream().map(CompletableFuture::join).filter(e -> e.getException() != null).findFirst().ifPresent(e -> {
            RealtimeException error = assertInstanceOf(RealtimeException.class, e.getException());
            assertFalse(error.isFatal(), "the session goes on");
            assertTrue(error.getMessage().contains("faster than it can be sent"), error.getMessage());
        });
    }
}
