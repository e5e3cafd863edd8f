package io.cameltogether.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/** Turn-taking events of the models that send them, delivered to routes that ask for them. */
class TurnEventsTest extends EmulatorTestSupport {

    /**
     * A file streamed at pace=fast runs far ahead of real time: with the default 10 s replay buffer a slow machine
     * fills it, and the session then commits where the stream stands, which can end a turn early and make two.
     */
    private static final String FAST = "together-audio:realtime?pace=fast&replayBufferDuration=30000";
    private static final String FLUX = FAST + "&model=deepgram/flux&includeTurnEvents=true";
    private static final String WHISPER = FAST + "&includeTurnEvents=true";
    private static final String FLUX_FINALS_ONLY = FAST + "&model=deepgram/flux";
    private static final String PREFIX = "conversation.item.input_audio_transcription.";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(FLUX).to("mock:flux");
                from(WHISPER).to("mock:whisper");
                from(FLUX_FINALS_ONLY).to("mock:fluxFinals");
            }
        };
    }

    @Test
    void eachTurnStartsAndEndsBeforeItsFinalTranscript() throws Exception {
        MockEndpoint flux = getMockEndpoint("mock:flux");
        flux.expectedMessageCount(9);

        speak(FLUX);

        flux.assertIsSatisfied();
        List<Exchange> events = flux.getExchanges();
        for (int turn = 0; turn < 3; turn++) {
            Exchange start = events.get(3 * turn);
            Exchange end = events.get(3 * turn + 1);
            Exchange completed = events.get(3 * turn + 2);
            assertEquals(PREFIX + "start_of_turn", type(start));
            assertEquals(PREFIX + "end_of_turn", type(end));
            assertEquals(PREFIX + "completed", type(completed));
            assertEquals(Boolean.FALSE, end.getMessage().getHeader(TogetherAudioConstants.FINAL));
            assertEquals(completed.getMessage().getBody(String.class), end.getMessage().getBody(String.class));
            assertEquals(completed.getMessage().getHeader(TogetherAudioConstants.ITEM_ID),
                    start.getMessage().getHeader(TogetherAudioConstants.ITEM_ID), "one item: the turn");
        }
    }

    @Test
    void withoutTheOptionOrWithAModelThatSendsNoneOnlyFinalsArrive() throws Exception {
        MockEndpoint fluxFinals = getMockEndpoint("mock:fluxFinals");
        MockEndpoint whisper = getMockEndpoint("mock:whisper");
        fluxFinals.expectedMinimumMessageCount(3);
        whisper.expectedMinimumMessageCount(3);

        speak(FLUX_FINALS_ONLY);
        speak(WHISPER);

        fluxFinals.assertIsSatisfied(); // the finals come after their turns' events: had those been sent, they
        whisper.assertIsSatisfied();    // would be here already
        for (Exchange exchange : fluxFinals.getExchanges()) {
            assertEquals(PREFIX + "completed", type(exchange));
        }
        for (Exchange exchange : whisper.getExchanges()) {
            assertEquals(PREFIX + "completed", type(exchange));
        }
    }

    @Test
    void endOfTurnEventsCarryTheModelsConfidenceWhenTheServerSendsIt() throws Exception {
        EMULATOR.withConfidences(true);
        MockEndpoint flux = getMockEndpoint("mock:flux");
        flux.expectedMessageCount(9);

        speak(FLUX);

        flux.assertIsSatisfied();
        for (Exchange event : flux.getExchanges()) {
            Double confidence = event.getMessage().getHeader(TogetherAudioConstants.END_OF_TURN_CONFIDENCE,
                    Double.class);
            if (type(event).endsWith("end_of_turn")) {
                assertTrue(confidence >= 0.6 && confidence <= 1, "end of turn confidence " + confidence);
            } else {
                assertNull(confidence, type(event));
            }
        }
    }

    @Test
    void deepgramsEndOfTurnOptionsGoOutInTheSessionsTurnDetection() {
        speak(FLUX_FINALS_ONLY + "&eotThreshold=0.7&eotTimeoutMs=3000&eagerEotThreshold=0.4");

        String update = EMULATOR.realtimeSessions().get(0).sessionUpdates().get(0);
        for (String expected : new String[] { "\"eot_threshold\":0.7", "\"eot_timeout_ms\":3000",
                "\"eager_eot_threshold\":0.4", "\"type\":\"server_vad\"" }) {
            assertTrue(update.contains(expected), expected + " in " + update);
        }
        assertEquals(1, EMULATOR.realtimeSessions().get(0).clientEvents().stream()
                .filter("input_audio_buffer.commit"::equals).count(), "the 2 s pauses, under the end-of-turn timeout, "
                + "get no commit of the component's: the model ends its turns, only the end of the audio is committed");
    }

    /** Three spoken turns through the endpoint's session, waiting for the last one's transcript. */
    private void speak(String uri) {
        Exchange exchange = template.send(uri, ExchangePattern.InOut, e -> {
            e.getMessage().setBody(TestAudio.threeTurnsPcm());
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "call");
        });
        assertNull(exchange.getException());
    }

    private static String type(Exchange exchange) {
        return exchange.getMessage().getHeader(TogetherAudioConstants.EVENT_TYPE, String.class);
    }
}
