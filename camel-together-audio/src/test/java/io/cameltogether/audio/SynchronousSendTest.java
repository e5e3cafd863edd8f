package io.cameltogether.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.emulator.Fault;
import io.cameltogether.audio.emulator.RecordedRequest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** synchronous=true: the route's own thread sends and waits, still at most maxConcurrentRequests at once. */
class SynchronousSendTest extends EmulatorTestSupport {

    private static final String SYNCHRONOUS = "together-audio:transcribe?synchronous=true";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:synchronous").to(SYNCHRONOUS)
                        .process(e -> e.setProperty("answeredOn", Thread.currentThread().getName()));
                from("direct:asynchronous").process(e -> e.setProperty("sentOn", Thread.currentThread().getName()))
                        .to("together-audio:transcribe")
                        .process(e -> e.setProperty("answeredOn", Thread.currentThread().getName()));
            }
        };
    }

    @Test
    void theRouteGoesOnOnTheThreadThatSent() throws Exception {
        String caller = Thread.currentThread().getName();

        Exchange synchronous = send("direct:synchronous", SPEECH_WAV.toFile());
        // held at the server, so that the answer is not in already when the producer hands the request over
        CompletableFuture<Void> release = new CompletableFuture<>();
        EMULATOR.enqueue(Fault.holdUntil(release));
        CompletableFuture<Exchange> handedOver = template.asyncSend("direct:asynchronous",
                e -> e.getMessage().setBody(SPEECH_WAV.toFile()));
        await().until(() -> EMULATOR.heldRequests() == 1);
        release.complete(null);

        assertNull(synchronous.getException());
        assertTrue(synchronous.getMessage().getBody(String.class).startsWith("(emulated)"));
        assertEquals(caller, synchronous.getProperty("answeredOn"));
        Exchange asynchronous = handedOver.get(10, TimeUnit.SECONDS);
        assertNull(asynchronous.getException());
        assertNotEquals(asynchronous.getProperty("sentOn"), asynchronous.getProperty("answeredOn"),
                "by default a request thread answers");
    }

    @Test
    void callersThreadsSendAtMostMaxConcurrentRequestsAtOnce() throws Exception {
        List<CompletableFuture<Void>> releases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            releases.add(new CompletableFuture<>());
            EMULATOR.enqueue(Fault.holdUntil(releases.get(i)));
        }
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Exchange>> sent = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sent.add(callers.submit(() -> send(SYNCHRONOUS + "&maxConcurrentRequests=2", SPEECH_WAV.toFile())));
            }
            // releases one held answer whenever two are at the server: a third would be there first if unbounded
            for (int released = 0; released < 4; released++) {
                int arrived = Math.min(4, released + 2);
                await().until(() -> EMULATOR.heldRequests() + EMULATOR.requests().size() == arrived);
                releases.get(released).complete(null);
            }
            for (Future<Exchange> exchange : sent) {
                assertNull(exchange.get().getException());
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(4, EMULATOR.requests().size());
        assertEquals(2, EMULATOR.mostHeldRequests());
    }

    @Test
    void aTransientFailureIsRetriedBeforeTheCallerGoesOn() {
        EMULATOR.enqueue(Fault.status(503));

        Exchange exchange = send("direct:synchronous", SPEECH_WAV.toFile());

        assertNull(exchange.getException());
        assertEquals(List.of(503, 200), EMULATOR.requests().stream().map(RecordedRequest::status).toList());
    }

    @Test
    void aBurstFromManyThreadsIsSentWholeAndOnce() throws Exception {
        byte[] wav = TestAudio.numberedWav(3);
        String uri = SYNCHRONOUS + "&maxConcurrentRequests=4&maxQueuedRequests=0";
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Exchange>> sent = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                sent.add(callers.submit(() -> template.send(uri, e -> {
                    e.getMessage().setBody(wav);
                    e.getMessage().setHeader(TogetherAudioConstants.FILE_NAME, "voicemail.wav");
                })));
            }
            for (Future<Exchange> exchange : sent) {
                assertNull(exchange.get().getException());
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(400, EMULATOR.requests().size(), "each message reached the API once");
    }
}
