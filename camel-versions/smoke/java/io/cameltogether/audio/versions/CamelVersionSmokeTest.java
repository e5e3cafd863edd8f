package io.cameltogether.audio.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.emulator.TogetherAudioEmulatorExtension;

/** The component, built on the project's Camel, doing its two jobs on the Camel line this module runs. */
class CamelVersionSmokeTest {

    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    private DefaultCamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() {
        camel = SmokeCamel.pointedAt(EMULATOR);
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void runsOnTheCamelLineUnderTest() {
        assertEquals(System.getProperty("expected.camel.version"), camel.getVersion());
    }

    @Test
    void transcribesARecording() {
        String text = template.requestBodyAndHeader("together-audio:transcribe", SmokeCamel.speechWav(),
                Exchange.FILE_NAME, "call.wav", String.class);

        assertTrue(text.startsWith("(emulated)"), text);
        assertEquals(1, EMULATOR.requests().size());
    }

    @Test
    void realtimeInOutAnswersWithTheFinalTranscript() {
        Exchange exchange = template.send("together-audio:realtime?pace=fast", ExchangePattern.InOut, e -> {
            e.getMessage().setBody(SmokeCamel.speechWav());
            e.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "smoke");
        });

        assertNull(exchange.getException());
        assertTrue(exchange.getMessage().getBody(String.class).startsWith("(emulated)"),
                exchange.getMessage().getBody(String.class));
        assertEquals(1, EMULATOR.realtimeSessions().size());
    }
}
