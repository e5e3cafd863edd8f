package io.cameltogether.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coverage header on appended chunks: a route that keeps each chunk re-readable (an uncommitted Kafka offset)
 * until its audio is covered may let it go then, because the transcripts of its speech have been routed.
 */
class RealtimeCoverageTest extends EmulatorTestSupport {

    private static final String REALTIME = "together-audio:realtime?pace=fast";
    private static final String FAILING = "together-audio:realtime?pace=fast&model=openai/whisper-large-v3";
    private static final String WITHOUT_CONSUMER = "together-audio:realtime?pace=fast&language=en";
    private static final int CHUNK = 16_000; // half a second
    private static final double TURN_SECONDS = TestAudio.threeTurnsPcm().length / 3 / 32_000.0;
    private static final double SPEECH_SECONDS = TestAudio.speechPcm().length / 32_000.0;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        realtimeFasterThanRealTime(context); // the chunks are appended far faster than real time
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(REALTIME).delay(100).to("mock:transcripts"); // a slow step: coverage must wait for it
                from(FAILING).throwException(new IllegalStateException("transcript store is down"));
            }
        };
    }

    @Test
    void audioIsNotCoveredWhenTheRouteFailsOnItsTranscriptOrNoRouteTakesIt() {
        for (String uri : List.of(FAILING, WITHOUT_CONSUMER)) {
            String session = "call-" + uri.length();
            CompletionStage<?> covered = append(uri, session, TestAudio.speechPcm());
            action(uri, session, "commit");

            Throwable failure = await().until(() -> failureOf(covered), f -> f != null);
            assertTrue(failure.getMessage().contains(uri.equals(FAILING) ? "transcript store is down"
                    : "no consumer on this endpoint"), failure.getMessage());
        }
    }

    @Test
    void clearedAudioIsNotCovered() {
        CompletionStage<?> covered = append(REALTIME, "call-cleared", TestAudio.speechPcm());

        action(REALTIME, "call-cleared", "clear");

        Throwable failure = await().until(() -> failureOf(covered), f -> f != null);
        assertTrue(failure.getMessage().contains("cleared"), failure.getMessage());
    }

    @Test
    void aSessionOpenedPartWayIntoACallTimesItsTranscriptsOnTheCallsClock() throws Exception {
        MockEndpoint transcripts = getMockEndpoint("mock:transcripts");
        transcripts.expectedMessageCount(1);

        template.send(REALTIME, ExchangePattern.InOnly, e -> {
            e.getMessage().setBody(TestAudio.speechPcm());
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "call-taken-over");
            e.getMessage().setHeader(TogetherAudioConstants.STREAM_OFFSET, 754_000L);
        });
        action(REALTIME, "call-taken-over", "commit");

        transcripts.assertIsSatisfied();
        double start = transcripts.getExchanges().get(0).getMessage().getHeader(TogetherAudioConstants.START,
                Double.class);
        assertEquals(754.0, start, 0.5, "the sentence starts at the beginning of the audio, 754 s into the call");
    }

    @Test
    void aNegativeStreamOffsetIsRefusedBeforeASessionOpens() {
        Exchange refused = template.send(REALTIME, ExchangePattern.InOnly, e -> {
            e.getMessage().setBody(TestAudio.speechPcm());
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "call-negative");
            e.getMessage().setHeader(TogetherAudioConstants.STREAM_OFFSET, -5L);
        });

        assertTrue(refused.getException().getMessage().contains(TogetherAudioConstants.STREAM_OFFSET + " is -5"),
                refused.getException().getMessage());
        assertTrue(EMULATOR.realtimeSessions().isEmpty(), "nothing was sent");
    }

    private CompletionStage<?> append(String uri, String session, byte[] pcm) {
        Exchange sent = template.send(uri, ExchangePattern.InOnly, e -> {
            e.getMessage().setBody(pcm);
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, session);
        });
        assertNull(sent.getException());
        return sent.getMessage().getHeader(TogetherAudioConstants.COVERED, CompletionStage.class);
    }

    private void action(String uri, String session, String action) {
        template.send(uri, ExchangePattern.InOnly, e -> {
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, session);
            e.getMessage().setHeader(TogetherAudioConstants.REALTIME_ACTION, action);
        });
    }

    /** The failure the stage ended with; null while it runs, and for a stage that completed normally. */
    private static Throwable failureOf(CompletionStage<?> stage) {
        CompletableFuture<?> future = stage.toCompletableFuture();
        if (!future.isCompletedExceptionally()) {
            assertFalse(future.isDone(), "covered although it must not be");
            return null;
        }
        return future.handle((v, failure) -> failure instanceof CompletionException c ? c.getCause() : failure)
                .join();
    }

    @Test
    void eachChunkIsCoveredOnlyAfterTheTranscriptsOfTheSpeechBeforeItsEndHaveBeenRouted() throws Exception {
        MockEndpoint transcripts = getMockEndpoint("mock:transcripts");
        byte[] pcm = TestAudio.threeTurnsPcm();
        List<CompletionStage<?>> coverage = new ArrayList<>();
        Map<Integer, Integer> routedWhenCovered = new ConcurrentHashMap<>();

        for (int from = 0; from < pcm.length; from += CHUNK) {
            byte[] chunk = Arrays.copyOfRange(pcm, from, Math.min(pcm.length, from + CHUNK));
            Exchange sent = template.send(REALTIME, ExchangePattern.InOnly, e -> {
                e.getMessage().setBody(chunk);
                e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "call-1");
            });
            assertNull(sent.getException());
            int index = coverage.size();
            CompletionStage<?> covered = sent.getMessage().getHeader(TogetherAudioConstants.COVERED,
                    CompletionStage.class);
            covered.thenRun(() -> routedWhenCovered.put(index, transcripts.getReceivedCounter()));
            coverage.add(covered);
        }
        action(REALTIME, "call-1", "commit");

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
}
