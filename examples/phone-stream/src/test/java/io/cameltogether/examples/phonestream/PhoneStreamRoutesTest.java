package io.cameltogether.examples.phonestream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.emulator.RecordedRealtimeSession;
import io.cameltogether.audio.emulator.TogetherAudioEmulatorExtension;

/** Two simulated calls streamed at the pace they play, side by side, each transcribed under its own id. */
class PhoneStreamRoutesTest extends CamelTestSupport {

    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    private static final Path SPEECH = Path.of("../../camel-together-audio/src/test/resources/audio/speech.wav");

    private final int port = AvailablePortFinder.getNextAvailable();
    private final Vertx vertx = Vertx.vertx();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        TogetherAudioComponent together = context.getComponent("together-audio", TogetherAudioComponent.class);
        together.getConfiguration().setBaseUrl(EMULATOR.baseUrl());
        together.getConfiguration().setApiKey(EMULATOR.apiKey());
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new PhoneStreamRoutes(port, "mock:calls");
    }

    @AfterEach
    void closeVertx() {
        vertx.close();
    }

    @Test
    void eachCallIsTranscribedUnderItsOwnStreamId() throws Exception {
        MockEndpoint calls = getMockEndpoint("mock:calls");
        calls.expectedMinimumMessageCount(2);

        CompletableFuture<Void> first = SimulatedCaller.call(vertx, port, "MZ-1", SPEECH);
        CompletableFuture<Void> second = SimulatedCaller.call(vertx, port, "MZ-2", SPEECH);
        CompletableFuture.allOf(first, second).get(60, TimeUnit.SECONDS);

        calls.assertIsSatisfied(60_000);
        List<String> lines = calls.getExchanges().stream().map(e -> e.getMessage().getBody(String.class)).toList();
        for (String call : List.of("MZ-1", "MZ-2")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("[call " + call + " at ") && l.contains("(emulated)")),
                    lines.toString());
        }
        long expectedPcmBytes = 2L * SimulatedCaller.muLaw(SPEECH).length; // 8 kHz 16-bit from 8 kHz mu-law
        List<RecordedRealtimeSession> sessions = EMULATOR.realtimeSessions();
        assertEquals(2, sessions.size());
        for (RecordedRealtimeSession session : sessions) {
            assertEquals("pcm_s16le_8000", session.query().get("input_audio_format"));
            assertEquals(expectedPcmBytes, session.audioBytes(), 8, "every 20 ms of every call, once");
        }
    }
}
