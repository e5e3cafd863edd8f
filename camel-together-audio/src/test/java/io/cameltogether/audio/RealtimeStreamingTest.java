package io.cameltogether.audio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.emulator.RecordedRealtimeSession;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** together-audio:realtime in routes: the producer's bodies, formats and pace, the consumer's transcripts, settings. */
class RealtimeStreamingTest extends RealtimeRouteTestSupport {

    @TempDir
    Path dir;

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
    void anEmulatorThatDoesNotRecordKeepsNoRealtimeConnectionAndNoneKeepsTheKey() {
        assertNull(request(REALTIME, TestAudio.speechPcm(), "recorded").getException());
        assertFalse(EMULATOR.realtimeSessions().get(0).headers().toString().contains(EMULATOR.apiKey()));
        EMULATOR.withRequestRecording(false);
        try {
            assertNull(request(REALTIME, TestAudio.speechPcm(), "unrecorded").getException());

            assertEquals(1, EMULATOR.realtimeSessions().size(), "the unrecorded connection is not kept");
        } finally {
            EMULATOR.withRequestRecording(true);
        }
    }

    @Test
    void formatAndModelGoInTheQueryAndTheKeyOnlyInTheHeader() {
        request("together-audio:realtime?pace=fast&inputAudioFormat=pcm_s16le_8000&model=nvidia/parakeet-tdt-0.6b-v3",
                new byte[16_000], "q");

        RecordedRealtimeSession session = EMULATOR.realtimeSessions().get(0);
        assertEquals("pcm_s16le_8000", session.query().get("input_audio_format"));
        assertEquals("nvidia/parakeet-tdt-0.6b-v3", session.query().get("model"));
        assertEquals(2, session.query().size(), "nothing else in the URL: " + session.query());
        assertTrue(session.header("Authorization").startsWith("Bearer "), "the key, checked, in the header");
        assertNull(session.header("Sec-WebSocket-Protocol"), "no key in a subprotocol");
        assertEquals(0, session.binaryFrames(), "audio goes in text frames");
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
}
