package io.cameltogether.audio;

import java.nio.file.Path;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import io.cameltogether.audio.client.result.TranscriptionResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against the real Together API, with the key from TOGETHER_API_KEY; skipped without it. */
@EnabledIfEnvironmentVariable(named = "TOGETHER_API_KEY", matches = ".+")
class RealApiTranscriptionIT extends CamelTestSupport {

    private static final Path SPEECH = Path.of("src/test/resources/audio/speech.mp3");

    @Test
    void transcribesRealSpeechWithWordTimestampsAndSubtitles() {
        Exchange exchange = template.send("together-audio:transcribe?outputFormat=result&timestampGranularities=word",
                e -> e.getMessage().setBody(SPEECH.toFile()));

        assertNull(exchange.getException());
        TranscriptionResult result = exchange.getMessage().getBody(TranscriptionResult.class);
        String text = result.text().toLowerCase(Locale.ROOT);
        assertTrue(text.contains("together") && text.contains("camel"), result.text());
        assertFalse(result.words().isEmpty());
        assertEquals(4.6, result.duration(), 0.5);

        String srt = template.requestBody("together-audio:transcribe?outputFormat=srt", SPEECH.toFile(), String.class);
        assertTrue(srt.startsWith("1\n00:00:0"), srt);
    }

    @Test
    void diarizesAndTranslates() {
        TranscriptionResult diarized = template.requestBody("together-audio:transcribe?outputFormat=result&diarize=true",
                SPEECH.toFile(), TranscriptionResult.class);
        assertTrue(diarized.isDiarized());

        String translated = template.requestBody("together-audio:translate", SPEECH.toFile(), String.class);
        assertFalse(translated.isBlank());
    }
}
