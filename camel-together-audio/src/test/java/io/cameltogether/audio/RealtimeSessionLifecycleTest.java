package io.cameltogether.audio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.realtime.RealtimeException;
import io.cameltogether.audio.emulator.RealtimeFault;
import io.cameltogether.audio.emulator.RecordedRealtimeSession;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** together-audio:realtime in routes: sessions opened, kept alive, bounded, cleared, closed and stopped. */
class RealtimeSessionLifecycleTest extends RealtimeRouteTestSupport {

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
