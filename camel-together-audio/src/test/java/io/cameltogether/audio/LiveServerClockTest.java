package io.cameltogether.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.cameltogether.audio.client.result.Segment;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.emulator.RealtimeFault;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Realtime against a server that behaves as the live one does: its transcripts timed on a consumed-speech clock that
 * skips silence (the emulator's timed shape), or not timed at all (the bare shape), with or without the
 * {@code processed} watermark. What the route gets is placed where its speech is in the audio it sent, and each
 * stretch of speech arrives once across a drop.
 */
class LiveServerClockTest extends RealtimeRouteTestSupport {

    /** Three turns, in milliseconds: where each tone starts and ends. */
    private static final int[] TURNS = { 1000, 3500, 6000, 7200, 10_000, 14_000 };
    private static final byte[] AUDIO = TestAudio.toneTurns(16_000, TURNS);

    static Stream<Arguments> serverShapes() {
        return Stream.of(Arguments.of(false, false), Arguments.of(false, true), Arguments.of(true, false),
                Arguments.of(true, true));
    }

    private void serve(boolean bare, boolean processed) {
        EMULATOR.withBareTranscriptionEvents(bare).withProcessedEvents(processed);
    }

    @ParameterizedTest(name = "bare events: {0}, processed: {1}")
    @MethodSource("serverShapes")
    void transcriptsArePlacedWhereTheirSpeechIsInTheAudioTheRouteSent(boolean bare, boolean processed)
            throws Exception {
        serve(bare, processed);
        MockEndpoint transcripts = getMockEndpoint("mock:transcripts");
        transcripts.expectedMessageCount(3);

        TranscriptionResult result = transcribe(REALTIME, AUDIO, "placed");

        transcripts.assertIsSatisfied();
        assertEquals(3, result.segments().size(), result.toString());
        for (int turn = 0; turn < 3; turn++) {
            Segment segment = result.segments().get(turn);
            Exchange routed = transcripts.getExchanges().get(turn);
            double start = TURNS[2 * turn] / 1000.0;
            double end = TURNS[2 * turn + 1] / 1000.0;
            assertEquals(start, segment.start(), 0.01, "turn " + turn + " in " + result.segments());
            assertEquals(end, segment.end(), 0.01, "turn " + turn + " in " + result.segments());
            assertEquals(start, routed.getMessage().getHeader(TogetherAudioConstants.START, Double.class), 0.01);
            assertEquals(end - start, routed.getMessage().getHeader(TogetherAudioConstants.DURATION, Double.class),
                    0.01);
        }
        Double serverStart = transcripts.getExchanges().get(2).getMessage()
                .getHeader(TogetherAudioConstants.SERVER_START, Double.class);
        if (bare) {
            assertNull(serverStart, "the bare shape has no timing");
        } else {
            // the server's clock skipped the silence: its third turn starts after 3.7 s of speech, plus padding
            assertTrue(serverStart < 6.0, "server clock: " + serverStart);
        }
    }

    @Test
    void subtitlesOfAStreamedRecordingAreTimedWhereItsSpeechIs() {
        Exchange exchange = template.send(REALTIME, ExchangePattern.InOut, e -> {
            e.getMessage().setBody(AUDIO);
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "subtitled");
            e.getMessage().setHeader(TogetherAudioConstants.OUTPUT_FORMAT, "srt");
        });

        String srt = exchange.getMessage().getBody(String.class);
        for (String cue : new String[] { "00:00:01,000 --> 00:00:03,500", "00:00:06,000 --> 00:00:07,200",
                "00:00:10,000 --> 00:00:14,000" }) {
            assertTrue(srt.contains(cue), cue + " in\n" + srt);
        }
    }

    @ParameterizedTest(name = "bare events: {0}, processed: {1}")
    @MethodSource("serverShapes")
    void eachStretchOfSpeechIsDeliveredOnceAndInItsPlaceAcrossADrop(boolean bare, boolean processed) {
        byte[] pcm = numberedTurns(8);
        serve(bare, processed);
        TranscriptionResult clean = request(REALTIME + "&outputFormat=result", pcm, "clean")
                .getMessage().getBody(TranscriptionResult.class);
        assertEquals(8, clean.segments().size(), clean.toString());
        for (int dropAfter : new int[] { 25, 67, 142, 230 }) { // in a turn, in a pause, near the end
            EMULATOR.reset();
            serve(bare, processed);
            EMULATOR.enqueue(RealtimeFault.dropAfterAppends(dropAfter));

            Exchange recovered = request(REALTIME + "&outputFormat=result", pcm, "dropped-" + dropAfter);

            assertNull(recovered.getException());
            List<Segment> segments = recovered.getMessage().getBody(TranscriptionResult.class).segments();
            assertEquals(clean.segments().stream().map(Segment::text).toList(),
                    segments.stream().map(Segment::text).toList(), "dropped after " + dropAfter + " appends");
            for (int i = 0; i < segments.size(); i++) {
                assertEquals(clean.segments().get(i).start(), segments.get(i).start(), 0.01);
                assertEquals(clean.segments().get(i).end(), segments.get(i).end(), 0.01);
            }
            assertEquals(2, EMULATOR.realtimeSessions().size());
        }
    }

    /** Turns of distinct tones, 1.5 s each with 1.5 s of quiet after: a call with that many things said. */
    private static byte[] numberedTurns(int count) {
        int[] spans = new int[2 * count];
        for (int i = 0; i < count; i++) {
            spans[2 * i] = 500 + 3000 * i;
            spans[2 * i + 1] = 2000 + 3000 * i;
        }
        return TestAudio.toneTurns(3000 * count + 1000, spans);
    }

    @Test
    void withTheWatermarkTheSilenceAfterTheLastSpeechIsCoveredWithoutACommit() {
        EMULATOR.withProcessedEvents(true);
        byte[] call = TestAudio.toneTurns(8000, 500, 2500); // two seconds said, then five and a half of quiet
        List<CompletionStage<?>> coverage = new ArrayList<>();
        for (int from = 0; from < call.length; from += 16_000) {
            byte[] chunk = Arrays.copyOfRange(call, from, from + 16_000);
            Exchange sent = template.send(REALTIME, ExchangePattern.InOnly, e -> {
                e.getMessage().setBody(chunk);
                e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "on-hold");
            });
            coverage.add(sent.getMessage().getHeader(TogetherAudioConstants.COVERED, CompletionStage.class));
        }

        CompletionStage<?> last = coverage.get(coverage.size() - 1);
        await().until(() -> last.toCompletableFuture().isDone());
        assertTrue(!last.toCompletableFuture().isCompletedExceptionally(), "covered: the server has processed it");
        assertEquals(1, getMockEndpoint("mock:transcripts").getReceivedCounter(), "the one turn was routed first");
        assertEquals(1, EMULATOR.realtimeSessions().get(0).clientEvents().stream()
                .filter("input_audio_buffer.commit"::equals).count(), "the one commit, the fence in the pause after "
                + "the speech, covers up to there: the five seconds after it are covered by the watermark alone");
    }

    @Test
    void finalsCarryTheServersConfidencesWhenItSendsThem() throws Exception {
        MockEndpoint transcripts = getMockEndpoint("mock:transcripts");
        transcripts.expectedMessageCount(6);

        request(REALTIME, AUDIO, "without");
        EMULATOR.withConfidences(true);
        request(REALTIME, AUDIO, "with");

        transcripts.assertIsSatisfied();
        for (Exchange exchange : transcripts.getExchanges()) {
            Double confidence = exchange.getMessage().getHeader(TogetherAudioConstants.CONFIDENCE, Double.class);
            Double logprob = exchange.getMessage().getHeader(TogetherAudioConstants.AVG_LOGPROB, Double.class);
            if ("with".equals(exchange.getMessage().getHeader(TogetherAudioConstants.SESSION_ID))) {
                assertTrue(confidence > 0.5 && confidence <= 1, "mean token confidence " + confidence);
                assertTrue(logprob <= 0 && logprob > -1, "average log-probability " + logprob);
            } else {
                assertNull(confidence);
                assertNull(logprob);
            }
        }
    }
}
