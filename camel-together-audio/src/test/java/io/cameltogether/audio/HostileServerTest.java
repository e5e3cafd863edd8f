package io.cameltogether.audio;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.realtime.RealtimeException;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.emulator.RealtimeFault;
import io.cameltogether.audio.realtime.RealtimeConsumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Realtime against a broken or hostile server: values that make no sense, turns whose finals never come, errors in
 * either shape, its idle timeout, refused handshakes, and a route too slow for what it sends. Each ends in a clear
 * outcome: delivered, replayed, or a named error; never a hang, a silent drop or unbounded memory.
 */
class HostileServerTest extends RealtimeRouteTestSupport {

    private static final String PREFIX = "conversation.item.input_audio_transcription.";
    /** Three turns, in milliseconds: where each tone starts and ends. */
    private static final int[] TURNS = { 1000, 3500, 6000, 7200, 10_000, 14_000 };
    private static final byte[] AUDIO = TestAudio.toneTurns(16_000, TURNS);
    private static final int HALF_SECOND = 16_000;

    @Test
    void nonsenseTimesAndWatermarksBeyondTheAudioOrInsideAnOpenTurnSteerNothingAndCoverNothing() throws Exception {
        EMULATOR.withProcessedEvents(true); // a server with a watermark of its own, among the hostile ones
        EMULATOR.enqueue(RealtimeFault.sendAfterAppends(5,
                "{\"type\":\"" + PREFIX + "completed\",\"transcript\":\"hostile\",\"start\":-4,\"duration\":1e9}",
                "{\"type\":\"input_audio_buffer.processed\",\"processed_ms\":1e12}",
                "{\"type\":\"input_audio_buffer.processed\",\"processed_ms\":6e17}",
                "{\"type\":\"input_audio_buffer.processed\",\"processed_ms\":2400}",
                "{\"type\":\"" + PREFIX + "delta\",\"delta\":7,\"start\":\"soon\",\"duration\":\"NaN\"}"));
        MockEndpoint transcripts = getMockEndpoint("mock:transcripts");
        Map<Integer, Long> realRoutedWhenCovered = new ConcurrentHashMap<>();

        List<CompletionStage<?>> coverage = appendChunks(REALTIME, "hostile", AUDIO, HALF_SECOND);
        for (int i = 0; i < coverage.size(); i++) {
            int chunk = i;
            coverage.get(i).thenRun(() -> realRoutedWhenCovered.put(chunk, transcripts.getReceivedExchanges().stream()
                    .filter(e -> !"hostile".equals(e.getMessage().getBody(String.class))).count()));
        }
        action(REALTIME, "hostile", "commit");

        await().until(() -> realRoutedWhenCovered.size() == coverage.size());
        assertEquals(4, transcripts.getReceivedCounter(), "the hostile final and the three of the speech");
        Exchange hostile = transcripts.getExchanges().get(0);
        assertEquals("hostile", hostile.getMessage().getBody(String.class));
        assertNull(hostile.getMessage().getHeader(TogetherAudioConstants.SERVER_START), "negative: ignored");
        assertNull(hostile.getMessage().getHeader(TogetherAudioConstants.SERVER_DURATION), "beyond the audio sent");
        for (int turn = 1; turn < 3; turn++) {
            assertEquals(TURNS[2 * turn] / 1000.0, transcripts.getExchanges().get(turn + 1).getMessage()
                    .getHeader(TogetherAudioConstants.START, Double.class), 0.01, "placed by the audio, not the server");
        }
        for (int i = 0; i < coverage.size(); i++) {
            int chunkEnd = (i + 1) * 500;
            long turnsEndedBefore = IntStream.range(0, 3).filter(t -> TURNS[2 * t + 1] <= chunkEnd)
                    .count();
            assertTrue(realRoutedWhenCovered.get(i) >= turnsEndedBefore, "chunk ending at " + chunkEnd
                    + " ms was covered with " + realRoutedWhenCovered.get(i) + " real transcripts routed");
        }
    }

    @Test
    void aTurnWhoseFinalNeverComesIsSentAgainOnANewConnection() {
        EMULATOR.enqueue(RealtimeFault.withholdFinalsAfterAppends(1));

        Exchange exchange = request(REALTIME + "&outputFormat=result&serverSilenceTimeout=2000", AUDIO, "stuck");

        assertNull(exchange.getException());
        assertEquals(3, exchange.getMessage().getBody(TranscriptionResult.class).segments().size());
        assertEquals(2, EMULATOR.realtimeSessions().size(), "one reconnect, for the stalled turn");
        assertEquals(0, getMockEndpoint("mock:errors").getReceivedCounter());
    }

    @Test
    void aTurnThatStallsAgainIsGivenUpWithANamedErrorAndItsCoverageFails() throws Exception {
        EMULATOR.enqueue(RealtimeFault.withholdFinalsAfterAppends(1), RealtimeFault.withholdFinalsAfterAppends(1));
        String uri = REALTIME + "&serverSilenceTimeout=2000";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(RealtimeException.class).handled(true).to("mock:stalledErrors");
                from(uri).to("mock:stalled");
            }
        });
        MockEndpoint errors = getMockEndpoint("mock:stalledErrors");
        MockEndpoint transcripts = getMockEndpoint("mock:stalled");

        List<CompletionStage<?>> coverage = appendChunks(uri, "stalled", AUDIO, HALF_SECOND);
        action(uri, "stalled", "commit");

        await().until(() -> transcripts.getReceivedCounter() == 2 && coverage.stream()
                .allMatch(c -> c.toCompletableFuture().isDone()));
        RealtimeException stalled = assertInstanceOf(RealtimeException.class, errors.getReceivedExchanges().get(0)
                .getProperty(Exchange.EXCEPTION_CAUGHT));
        assertEquals(RealtimeException.TURN_STALLED, stalled.getCode());
        assertFalse(stalled.isFatal(), "the session goes on");
        assertTrue(stalled.getMessage().contains("serverSilenceTimeout"), stalled.getMessage());
        RealtimeException lost = assertInstanceOf(RealtimeException.class, failureOf(coverage.get(5)));
        assertEquals(RealtimeException.TURN_STALLED, lost.getCode(), "the first turn's audio has no transcript");
        assertNull(failureOf(coverage.get(coverage.size() - 1)), "the later turns' audio was covered");
        assertEquals(List.of(6.0, 10.0), transcripts.getReceivedExchanges().stream()
                .map(e -> Math.round(e.getMessage().getHeader(TogetherAudioConstants.START, Double.class) * 100) / 100.0)
                .toList(), "the later turns, replayed on a healthy connection");
        assertEquals(3, EMULATOR.realtimeSessions().size());
    }

    @Test
    void errorEventsOfEitherShapeReachTheRouteWithTheirMessages() throws Exception {
        EMULATOR.enqueue(RealtimeFault.sendAfterAppends(10,
                "{\"type\":\"error\",\"message\":\"top-level trouble\",\"code\":\"some_code\"}",
                "{\"type\":\"error\",\"error\":{\"type\":\"server_error\",\"code\":\"other_code\","
                        + "\"message\":\"nested trouble\"}}"));
        MockEndpoint errors = getMockEndpoint("mock:errors");
        errors.expectedMessageCount(2);

        Exchange exchange = request(REALTIME, AUDIO, "errors");

        errors.assertIsSatisfied();
        List<String> messages = errors.getExchanges().stream()
                .map(e -> e.getProperty(Exchange.EXCEPTION_CAUGHT, RealtimeException.class))
                .map(e -> e.getCode() + ": " + e.getMessage()).toList();
        assertTrue(messages.get(0).startsWith("some_code: ") && messages.get(0).contains("top-level trouble"),
                messages.toString());
        assertTrue(messages.get(1).startsWith("other_code: ") && messages.get(1).contains("nested trouble"),
                messages.toString());
        assertEquals(3, turnsIn(exchange), "the session goes on");
    }

    @Test
    void theServersIdleTimeoutEndsTheConnectionQuietlyAndOnlyNewAudioOpensAnother() throws Exception {
        EMULATOR.withRealtimeIdleTimeout(Duration.ofMillis(1500));
        String uri = REALTIME + "&includeSessionEvents=true&keepAliveInterval=600000";
        routeSessionEvents(uri);
        MockEndpoint events = getMockEndpoint("mock:sessionEvents");
        assertNull(request(uri, AUDIO, "idle").getException());
        appendChunks(uri, "idle", new byte[HALF_SECOND], HALF_SECOND); // quiet that stays held: nothing covers it

        await().until(() -> EMULATOR.realtimeSessions().get(0).closeCode() == 1000);
        Exchange again = request(uri, AUDIO, "idle");

        assertEquals(3, turnsIn(again));
        assertEquals(List.of("session.opened", "session.opened"), types(events),
                "no reconnection when the server closed for want of audio, a new connection for the new audio");
        assertEquals(0, getMockEndpoint("mock:lostSpeech").getReceivedCounter(), "nothing to report");
        assertEquals(2, EMULATOR.realtimeSessions().size());
    }

    @Test
    void onlyARefusedKeyIsFatalAtTheHandshake() throws Exception {
        EMULATOR.enqueue(RealtimeFault.handshakeStatus(404));
        assertNull(request(REALTIME, AUDIO, "retried").getException(), "a 404, say from a proxy, is retried");

        EMULATOR.enqueue(RealtimeFault.handshakeStatus(403));
        RealtimeException refused = assertInstanceOf(RealtimeException.class,
                request(REALTIME, AUDIO, "forbidden").getException());

        assertTrue(refused.isFatal() && refused.getMessage().contains("HTTP 403"), refused.getMessage());
        assertEquals(1, EMULATOR.realtimeSessions().size(), "the 404's retry connected; the 403 was not retried");
    }

    @Test
    void aSlowRouteHoldsTheServersEventsBackNotTheHeapAndNeverRunsOnAnEventLoop() throws Exception {
        String uri = "together-audio:realtime?includeDeltas=true&concurrentConsumers=1";
        CountDownLatch release = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("slow").process(e -> {
                    threads.add(Thread.currentThread().getName());
                    release.await(60, TimeUnit.SECONDS);
                }).to("mock:slow");
            }
        });
        int turns = 40; // about four partials and a final each: far more events than a session may have waiting
        byte[] call = longCall(turns);

        appendChunks(uri, "busy", call, HALF_SECOND / 5);
        // once the server has all the audio it has sent every event it will: they wait in the network, not here
        await().until(() -> EMULATOR.realtimeSessions().get(0).audioBytes() == call.length);
        RealtimeConsumer consumer = (RealtimeConsumer) context.getRoute("slow").getConsumer();
        int waiting = consumer.getPendingExchangesSize();
        release.countDown();

        MockEndpoint slow = getMockEndpoint("mock:slow");
        await().until(() -> slow.getReceivedExchanges().stream()
                .filter(e -> e.getMessage().getHeader(TogetherAudioConstants.FINAL, Boolean.class)).count() == turns);
        assertTrue(waiting <= 66, waiting + " exchanges waited for the route at most");
        assertTrue(slow.getReceivedCounter() > 3 * waiting, slow.getReceivedCounter() + " events in all");
        assertTrue(threads.stream().noneMatch(t -> t.contains("eventloop")), threads.toString());
    }

    /** How many turns the text of an InOut exchange holds: each emulated transcript begins with "(emulated)". */
    private static int turnsIn(Exchange exchange) {
        assertNull(exchange.getException());
        return exchange.getMessage().getBody(String.class).split("\\(emulated\\)", -1).length - 1;
    }

    /** Turns of distinct tones, 1.5 s each with a second of quiet after. */
    private static byte[] longCall(int turns) {
        int[] spans = new int[2 * turns];
        for (int i = 0; i < turns; i++) {
            spans[2 * i] = 250 + 2500 * i;
            spans[2 * i + 1] = 1750 + 2500 * i;
        }
        return TestAudio.toneTurns(2500 * turns + 500, spans);
    }
}
