package io.cameltogether.audio;

import java.nio.file.Path;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import io.cameltogether.audio.client.realtime.RealtimeException;
import io.cameltogether.audio.client.result.TranscriptionResult;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live transcription against the real Together API, with the key from TOGETHER_API_KEY; skipped without it. */
@EnabledIfEnvironmentVariable(named = "TOGETHER_API_KEY", matches = ".+")
class RealtimeApiIT extends CamelTestSupport {

    private static final Path SPEECH = Path.of("src/test/resources/audio/speech.wav");

    @Test
    void streamsAWavAndReturnsTheFinalTranscriptWithTimings() {
        Exchange exchange = template.send("together-audio:realtime?pace=realtime&outputFormat=result",
                ExchangePattern.InOut, e -> e.getMessage().setBody(SPEECH.toFile()));

        assertNull(exchange.getException());
        TranscriptionResult result = exchange.getMessage().getBody(TranscriptionResult.class);
        String text = result.text().toLowerCase(Locale.ROOT);
        assertTrue(text.contains("together") || text.contains("camel"), result.text());
        assertFalse(result.segments().isEmpty());
    }

    @Test
    void anUnknownModelEndsTheSessionWithAFatalError() {
        Exchange exchange = template.send("together-audio:realtime?pace=fast&model=acme/no-such-model",
                ExchangePattern.InOut, e -> e.getMessage().setBody(SPEECH.toFile()));

        RealtimeException e = assertInstanceOf(RealtimeException.class, exchange.getException());
        assertTrue(e.isFatal(), e.getMessage());
    }
}
