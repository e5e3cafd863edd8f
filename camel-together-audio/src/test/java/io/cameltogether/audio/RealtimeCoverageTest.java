package io.cameltogether.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.emulator.RealtimeFault;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coverage header on appended chunks: a route that keeps each chunk re-readable (an uncommitted Kafka offset)
 * until its audio is covered may let it go then, because the transcripts of its speech have been routed.
 */
class RealtimeCoverageTest extends RealtimeRouteTestSupport {

    private static final String COVERED = "together-audio:realtime?pace=fast";
    private static final String FAILING = "together-audio:realtime?pace=fast&model=openai/whisper-large-v3";
    private static final String WITHOUT_CONSUMER = "together-audio:realtime?pace=fast&language=en";
    private static final int CHUNK = 16_000; // half a second
    private static final double TURN_SECONDS = TestAudio.threeTurnsPcm().length / 3 / 32_000.0;
    private static final double SPEECH_SECONDS = TestAudio.speechPcm().length / 32_000.0;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(COVERED).delay(100).to("mock:transcripts"); // a slow step: coverage must wait for it
                from(FAILING).throwException(new IllegalStateException("transcript store is down"));
            }
        };
    }

    @Test
    void audioIsNotCoveredWhenTheRouteFailsOnItsTranscriptOrNoRouteTakesIt() {
        for (String uri : List.of(FAILING, WITHOUT_CONSUMER)) {
            String session = "call-" + uri.length();
            CompletionStage<?> covered = appendChunks(uri, session, TestAudio.speechPcm(), Integer.MAX_VALUE).get(0);
            action(uri, session, "commit");

            Throwable failure = await().until(() -> failureOfNotCovered(covered), f -> f != null);
            assertTrue(failure.getMessage().contains(uri.equals(FAILING) ? "transcript store is down"
                    : "no consumer on this endpoint"), failure.getMessage());
        }
    }

    @Test
    void clearedAudioIsNotCovered() {
        CompletionStage<?> covered = appendChunks(COVERED, "call-cleared", TestAudio.speechPcm(), Integer.MAX_VALUE)
                .get(0);

        action(COVERED, "call-cleared", "clear");

        Throwable failure = await().until(() -> failureOfNotCovered(covered), f -> f != null);
        assertTrue(failure.getMessage().contains("cleared"), failure.getMessage());
    }

    @Test
    void aFinalOfClearedAudioThatArrivesAfterTheClearIsDroppedNotTimedAfterIt() {
        EMULATOR.enqueue(RealtimeFault.finalsCrossingAClear()); // its final comes once the clear is acknowledged
        MockEndpoint transcripts = getMockEndpoint("mock:transcripts");
        appendChunks(COVERED, "call-crossing", TestAudio.toneTurns(3000, 500, 1500), Integer.MAX_VALUE);

        action(COVERED, "call-crossing", "clear");
        CompletionStage<?> silence = appendChunks(COVERED, "call-crossing", new byte[32_000], Integer.MAX_VALUE)
                .get(0);
        action(COVERED, "call-crossing", "commit");
        await().until(() -> silence.toCompletableFuture().isDone()); // the cleared turn holds nothing back
        assertNull(failureOf(silence));
        CompletionStage<?> speech = appendChunks(COVERED, "call-crossing", TestAudio.toneTurns(3000, 1000, 2000),
                Integer.MAX_VALUE).get(0);
        action(COVERED, "call-crossing", "commit");

        await().until(() -> speech.toCompletableFuture().isDone()); // every final of its audio is routed
        assertNull(failureOf(speech));
        assertEquals(1, transcripts.getReceivedCounter(), "only the speech after the clear, 5 s into the session: "
                + transcripts.getReceivedExchanges().stream().map(e -> e.getMessage().getHeaders()).toList());
        assertEquals(5.0, transcripts.getExchanges().get(0).getMessage().getHeader(TogetherAudioConstants.START,
                Double.class), 0.3);
    }

    @Test
    void aSessionOpenedPartWayIntoACallTimesItsTranscriptsOnTheCallsClock() throws Exception {
        MockEndpoint transcripts = getMockEndpoint("mock:transcripts");
        transcripts.expectedMessageCount(1);

        template.send(COVERED, ExchangePattern.InOnly, e -> {
            e.getMessage().setBody(TestAudio.speechPcm());
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "call-taken-over");
            e.getMessage().setHeader(TogetherAudioConstants.STREAM_OFFSET, 754_000L);
        });
        action(COVERED, "call-taken-over", "commit");

        transcripts.assertIsSatisfied();
        double start = transcripts.getExchanges().get(0).getMessage().getHeader(TogetherAudioConstants.START,
                Double.class);
        assertEquals(754.0, start, 0.5, "the sentence starts at the beginning of the audio, 754 s into the call");
    }

    @Test
    void aNegativeStreamOffsetIsRefusedBeforeASessionOpens() {
        Exchange refused = template.send(COVERED, ExchangePattern.InOnly, e -> {
            e.getMessage().setBody(TestAudio.speechPcm());
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "call-negative");
            e.getMessage().setHeader(TogetherAudioConstants.STREAM_OFFSET, -5L);
        });

        assertTrue(refused.getException().getMessage().contains(TogetherAudioConstants.STREAM_OFFSET + " is -5"),
                refused.getException().getMessage());
        assertTrue(EMULATOR.realtimeSessions().isEmpty(), "nothing was sent");
    }

    @Test
    void eachChunkIsCoveredOnlyAfterTheTranscriptsOfTheSpeechBeforeItsEndHaveBeenRouted() throws Exception {
        MockEndpoint transcripts = getMockEndpoint("mock:transcripts");
        byte[] pcm = TestAudio.threeTurnsPcm();
        List<CompletionStage<?>> coverage = new ArrayList<>();
        Map<Integer, Integer> routedWhenCovered = new ConcurrentHashMap<>();

        coverage.addAll(appendChunks(COVERED, "call-1", pcm, CHUNK));
        for (int i = 0; i < coverage.size(); i++) {
            int index = i;
            coverage.get(i).thenRun(() -> routedWhenCovered.put(index, transcripts.getReceivedCounter()));
        }
        action(COVERED, "call-1", "commit");

        await().until(() -> routedWhenCovered.size() == coverage.size());
        assertEquals(3, transcripts.getReceivedCounter());
        for (int i = 0; i < coverage.size(); i++) {
            double chunkEnd = Math.min(pcm.length, (i + 1) * CHUNK) / 32_000.0;
            int turnsSpokenBefore = (int) (chunkEnd / TURN_SECONDS)
                    + (chunkEnd % TURN_SECONDS >= SPEECH_SECONDS ? 1 : 0);
            assertTrue(routedWhenCovered.get(i) >= turnsSpokenBefore, "chunk " + i + " ending at " + chunkEnd
                    + " s was covered with " + routedWhenCovered.get(i) + " transcripts routed");
        }
    }

    /** The failure the stage ended with; null while it runs. It must not complete normally. */
    private static Throwable failureOfNotCovered(CompletionStage<?> stage) {
        assertFalse(stage.toCompletableFuture().isDone() && !stage.toCompletableFuture().isCompletedExceptionally(),
                "covered although it must not be");
        return failureOf(stage);
    }
}
