package io.cameltogether.audio;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.result.SpeakerSegment;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.emulator.RecordedRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** URI options and per-message headers become API fields; each output format shapes the body. */
class OptionsAndOutputTest extends EmulatorTestSupport {

    @Test
    void everyUriOptionIsSentAsItsApiField() {
        send("together-audio:transcribe?model=nvidia/parakeet-tdt-0.6b-v3&language=de&prompt=Camel Kafka&temperature=0.2"
                + "&timestampGranularities=segment,word&diarize=true&minSpeakers=2&maxSpeakers=3&responseFormat=verbose_json",
                SPEECH_WAV);

        RecordedRequest r = EMULATOR.lastRequest();
        assertEquals(List.of("model", "language", "prompt", "response_format", "temperature", "timestamp_granularities",
                "timestamp_granularities", "diarize", "min_speakers", "max_speakers", "file"), r.partOrder());
        assertEquals("nvidia/parakeet-tdt-0.6b-v3", r.field("model"));
        assertEquals("de", r.field("language"));
        assertEquals("Camel Kafka", r.field("prompt"));
        assertEquals("0.2", r.field("temperature"));
        assertEquals(List.of("segment", "word"), r.fields().get("timestamp_granularities"));
        assertEquals("true", r.field("diarize"));
        assertEquals("2", r.field("min_speakers"));
        assertEquals("3", r.field("max_speakers"));
        assertEquals("verbose_json", r.field("response_format"));
    }

    @Test
    void unsetOptionsAreNotSentSoTheApiDefaultsApply() {
        send("together-audio:transcribe", SPEECH_WAV);

        assertEquals(List.of("model", "response_format", "file"), EMULATOR.lastRequest().partOrder());
        assertEquals("json", EMULATOR.lastRequest().field("response_format"));
    }

    @Test
    void languageAutoAsksTheApiToDetectTheLanguage() {
        Exchange exchange = send("together-audio:transcribe?language=auto&outputFormat=result", SPEECH_WAV);

        assertNull(exchange.getException());
        assertEquals("auto", EMULATOR.lastRequest().field("language"));
        assertEquals("en", exchange.getMessage().getHeader(TogetherAudioConstants.DETECTED_LANGUAGE));
    }

    @Test
    void headersOverrideEndpointOptionsPerMessage() {
        Exchange exchange = template.send("together-audio:transcribe?language=en&model=openai/whisper-large-v3", e -> {
            e.getMessage().setBody(SPEECH_WAV);
            e.getMessage().setHeader(TogetherAudioConstants.MODEL, "nvidia/parakeet-tdt-0.6b-v3");
            e.getMessage().setHeader(TogetherAudioConstants.LANGUAGE, "fr");
            e.getMessage().setHeader(TogetherAudioConstants.PROMPT, "Bonjour");
            e.getMessage().setHeader(TogetherAudioConstants.TEMPERATURE, "0.5");
            e.getMessage().setHeader(TogetherAudioConstants.TIMESTAMP_GRANULARITIES, List.of("word"));
            e.getMessage().setHeader(TogetherAudioConstants.DIARIZE, true);
            e.getMessage().setHeader(TogetherAudioConstants.MIN_SPEAKERS, 1);
            e.getMessage().setHeader(TogetherAudioConstants.MAX_SPEAKERS, 1);
            e.getMessage().setHeader(TogetherAudioConstants.RESPONSE_FORMAT, "verbose_json");
            e.getMessage().setHeader(TogetherAudioConstants.OUTPUT_FORMAT, "result");
        });

        assertNull(exchange.getException());
        RecordedRequest r = EMULATOR.lastRequest();
        assertEquals("nvidia/parakeet-tdt-0.6b-v3", r.field("model"));
        assertEquals("fr", r.field("language"));
        assertEquals("Bonjour", r.field("prompt"));
        assertEquals("0.5", r.field("temperature"));
        assertEquals(List.of("word"), r.fields().get("timestamp_granularities"));
        TranscriptionResult result = exchange.getMessage().getBody(TranscriptionResult.class);
        assertEquals("fr", result.language());
        assertTrue(result.speakerSegments().stream().allMatch(s -> s.speakerId().equals("SPEAKER_00")),
                "maxSpeakers=1 gives a single speaker");
    }

    @Test
    void translateSendsToTheTranslationEndpointWithTargetLanguage() {
        Exchange exchange = send("together-audio:translate?language=es&outputFormat=result", SPEECH_WAV);

        assertNull(exchange.getException());
        assertEquals("/v1/audio/translations", EMULATOR.lastRequest().path());
        assertEquals("es", EMULATOR.lastRequest().field("language"));
        assertEquals("translate", exchange.getMessage().getHeader(TogetherAudioConstants.TASK));
        assertEquals("es", exchange.getMessage().getHeader(TogetherAudioConstants.DETECTED_LANGUAGE));
    }

    @Test
    void resultOutputIsATypedResultWithSegmentsAndAsksForVerboseJsonItself() {
        Exchange exchange = send("together-audio:transcribe?outputFormat=result", SPEECH_WAV);

        assertEquals("verbose_json", EMULATOR.lastRequest().field("response_format"));
        TranscriptionResult result = exchange.getMessage().getBody(TranscriptionResult.class);
        assertTrue(result.text().startsWith("(emulated)"));
        assertEquals(SPEECH_SECONDS, result.duration(), 0.001);
        assertFalse(result.segments().isEmpty());
        assertEquals(result.duration(), result.segments().get(result.segments().size() - 1).end(), 0.5,
                "segments span the audio");
        assertTrue(result.words().isEmpty(), "no words unless asked for");
        assertFalse(result.isDiarized());
    }

    @Test
    void diarizedResultCarriesSpeakerSegmentsWithTheirWords() {
        Exchange exchange = send("together-audio:transcribe?outputFormat=result&diarize=true", SPEECH_WAV);

        TranscriptionResult result = exchange.getMessage().getBody(TranscriptionResult.class);
        assertTrue(result.isDiarized());
        SpeakerSegment first = result.speakerSegments().get(0);
        assertEquals("SPEAKER_00", first.speakerId());
        assertFalse(first.words().isEmpty());
        assertTrue(first.words().stream().allMatch(w -> "SPEAKER_00".equals(w.speakerId())));
        assertEquals("SPEAKER_01", result.speakerSegments().get(1).speakerId());
    }

    @Test
    void jsonOutputIsTheApisJsonUnchanged() throws Exception {
        Exchange exchange = send("together-audio:transcribe?outputFormat=json&responseFormat=verbose_json", SPEECH_WAV);

        JsonNode json = new ObjectMapper().readTree(exchange.getMessage().getBody(String.class));
        assertEquals("transcribe", json.get("task").asText());
        assertTrue(json.get("segments").get(0).has("avg_logprob"), "fields the typed result drops are kept");
    }

    @Test
    void srtOutputIsNumberedCuesWithCommaMilliseconds() {
        String srt = send("together-audio:transcribe?outputFormat=srt", SPEECH_WAV).getMessage().getBody(String.class);

        assertEquals("verbose_json", EMULATOR.lastRequest().field("response_format"));
        assertTrue(srt.startsWith("1\n00:00:00,000 --> 00:00:0"), srt);
        assertTrue(srt.contains("\n2\n"), "more than one cue for 4.5 s of speech: " + srt);
        assertTrue(srt.contains("(emulated)"));
    }

    @Test
    void vttOutputUsesWordTimingsAndSpeakerVoiceTagsWhenDiarized() {
        String vtt = send("together-audio:transcribe?outputFormat=vtt&diarize=true&timestampGranularities=word",
                SPEECH_WAV).getMessage().getBody(String.class);

        assertTrue(vtt.startsWith("WEBVTT\n\n00:00:00.000 --> "), vtt);
        assertTrue(vtt.contains("<v SPEAKER_00>(emulated)"), vtt);
        assertTrue(vtt.contains("<v SPEAKER_01>"), vtt);
    }

    @Test
    void textIsTheDefaultOutputAndAsksOnlyForJson() {
        Object body = send("together-audio:transcribe", SPEECH_WAV).getMessage().getBody();

        assertTrue(body instanceof String s && s.startsWith("(emulated)"));
        assertEquals("json", EMULATOR.lastRequest().field("response_format"));
    }

    @Test
    void keyWrittenIntoAUriIsMaskedWhereverCamelPrintsTheEndpoint() {
        String key = "uri-key-0123456789";
        EMULATOR.withApiKey(key);

        Exchange exchange = send("together-audio:transcribe?apiKey=RAW(" + key + ")", SPEECH_WAV);

        assertNull(exchange.getException());
        String printed = context.getEndpoints().stream().filter(e -> e.getEndpointUri().contains("apiKey"))
                .findFirst().orElseThrow().toString();
        assertFalse(printed.contains(key), printed);
        assertEquals(200, EMULATOR.lastRequest().status(), "the emulator accepted the key from the URI");
    }

    @Test
    void componentOptionsBoundByPropertyNameAreDefaultsForNewEndpoints() {
        TogetherAudioComponent component = context.getComponent("together-audio", TogetherAudioComponent.class);
        PropertyBindingSupport.build().bind(context, component, new HashMap<>(Map.of("model", "nvidia/parakeet-tdt-0.6b-v3",
                "language", "nl", "outputFormat", "result", "requestTimeout", "2m")));

        TogetherAudioEndpoint endpoint = context.getEndpoint("together-audio:translate", TogetherAudioEndpoint.class);
        Exchange exchange = send("together-audio:translate", SPEECH_WAV);

        assertEquals(120_000, endpoint.getConfiguration().getRequestTimeout(), "durations such as 2m are understood");
        assertEquals("nvidia/parakeet-tdt-0.6b-v3", EMULATOR.lastRequest().field("model"));
        assertEquals("nl", EMULATOR.lastRequest().field("language"));
        assertTrue(exchange.getMessage().getBody() instanceof TranscriptionResult);
    }
}
