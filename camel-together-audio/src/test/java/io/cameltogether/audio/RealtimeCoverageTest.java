package io.cameltogether.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coverage header on appended chunks: a route that keeps each chunk re-readable (an uncommitted Kafka offset)
 * until its audio is covered may let it go then, because the transcripts of its speech have been routed.
 */
class RealtimeCoverageTest extends EmulatorTestSupport {

    private static final String REALTIME = "together-audio:realtime?pace=fast";
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
                from(REALTIME).to("mock:transcripts");
            }
        };
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
        template.send(REALTIME, ExchangePattern.InOnly, e -> {
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "call-1");
            e.getMessage().setHeader(TogetherAudioConstants.REALTIME_ACTION, "commit");
        });

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
