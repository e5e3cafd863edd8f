package io.cameltogether.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;

import io.cameltogether.audio.client.realtime.RealtimeException;
import io.cameltogether.audio.client.result.TranscriptionResult;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Route tests of together-audio:realtime: a consumer on the shared endpoint routes transcripts to mock:transcripts
 * and realtime failures to mock:errors; one without turn detection and with partials routes to mock:withDeltas.
 * Audio is fed far faster than it plays, with short reconnect delays.
 */
abstract class RealtimeRouteTestSupport extends EmulatorTestSupport {

    /** Producer and consumer share this endpoint, hence its sessions; failures go to the route's error handler. */
    static final String REALTIME = "together-audio:realtime?pace=fast&bridgeErrorHandler=true";

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

    protected Exchange request(String uri, Object body, String sessionId) {
        return template.send(uri, ExchangePattern.InOut, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, sessionId);
        });
    }

    /** Streams the body through the session, InOut, and returns its transcript as a typed result. */
    protected TranscriptionResult transcribe(String uri, Object body, String sessionId) {
        Exchange exchange = template.send(uri, ExchangePattern.InOut, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, sessionId);
            e.getMessage().setHeader(TogetherAudioConstants.OUTPUT_FORMAT, "result");
        });
        assertNull(exchange.getException());
        return exchange.getMessage().getBody(TranscriptionResult.class);
    }

    protected Exchange action(String uri, String sessionId, String action) {
        return template.send(uri, ExchangePattern.InOnly, e -> {
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, sessionId);
            e.getMessage().setHeader(TogetherAudioConstants.REALTIME_ACTION, action);
        });
    }

    /**
     * Appends the PCM InOnly in chunks of this many bytes, as a live source does, and returns each chunk's
     * CamelTogetherAudioCovered stage.
     */
    protected List<CompletionStage<?>> appendChunks(String uri, String sessionId, byte[] pcm, int chunkBytes) {
        List<CompletionStage<?>> coverage = new ArrayList<>();
        for (int from = 0; from < pcm.length; from += chunkBytes) {
            byte[] chunk = Arrays.copyOfRange(pcm, from, Math.min(pcm.length, from + chunkBytes));
            Exchange sent = template.send(uri, ExchangePattern.InOnly, e -> {
                e.getMessage().setBody(chunk);
                e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, sessionId);
            });
            assertNull(sent.getException());
            coverage.add(sent.getMessage().getHeader(TogetherAudioConstants.COVERED, CompletionStage.class));
        }
        return coverage;
    }

    /** The failure a stage ended with, or null while it runs or when it completed normally. */
    protected static Throwable failureOf(CompletionStage<?> stage) {
        CompletableFuture<?> future = stage.toCompletableFuture();
        return !future.isCompletedExceptionally() ? null : future.handle((v, failure) ->
                failure instanceof CompletionException c ? c.getCause() : failure).join();
    }

    /** Routes the session events of this endpoint to mock:sessionEvents and its realtime errors to mock:lostSpeech. */
    protected void routeSessionEvents(String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(RealtimeException.class).handled(true).to("mock:lostSpeech");
                from(uri).filter(header(TogetherAudioConstants.EVENT_TYPE).startsWith("session."))
                        .to("mock:sessionEvents");
            }
        });
    }

    protected static List<String> types(MockEndpoint events) {
        return events.getReceivedExchanges().stream()
                .map(e -> e.getMessage().getHeader(TogetherAudioConstants.EVENT_TYPE, String.class)).toList();
    }
}
