package io.cameltogether.audio.emulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The emulator is as strict as the real API, and its transcripts follow the audio. */
class EmulatorBatchApiTest {

    @RegisterExtension
    static final TogetherAudioEmulatorExtension EMULATOR = new TogetherAudioEmulatorExtension();

    private static final CloseableHttpClient HTTP = HttpClients.custom().disableAutomaticRetries().build();

    @AfterAll
    static void closeClient() throws IOException {
        HTTP.close();
    }

    private record Answer(int status, JsonNode json) {
        String errorCode() {
            return json.path("error").path("code").asText();
        }
    }

    private static Answer post(String path, String key, Consumer<MultipartEntityBuilder> form) throws IOException {
        HttpPost post = new HttpPost(EMULATOR.baseUrl() + path);
        if (key != null) {
            post.setHeader("Authorization", "Bearer " + key);
        }
        MultipartEntityBuilder builder = MultipartEntityBuilder.create();
        form.accept(builder);
        post.setEntity(builder.build());
        return HTTP.execute(post, r -> new Answer(r.getCode(), Json.MAPPER.readTree(EntityUtils.toString(r.getEntity()))));
    }

    private static Answer transcribe(Consumer<MultipartEntityBuilder> fields, byte[] audio) throws IOException {
        return post("/audio/transcriptions", EMULATOR.apiKey(), f -> {
            fields.accept(f);
            f.addBinaryBody("file", audio, ContentType.create("audio/wav"), "a.wav");
        });
    }

    /** 16 kHz mono 16-bit PCM: a tone, so different lengths give different bytes. */
    static byte[] wav(double seconds) {
        return wav(seconds, 0, seconds);
    }

    /** 16 kHz mono 16-bit PCM, silent but for a tone in each stretch (start, end in seconds). */
    static byte[] wav(double seconds, double... toneStretches) {
        int samples = (int) (seconds * 16_000);
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(16_000).putInt(32_000).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            boolean tone = false;
            for (int t = 0; t + 1 < toneStretches.length; t += 2) {
                tone |= i >= toneStretches[t] * 16_000 && i < toneStretches[t + 1] * 16_000;
            }
            b.putShort((short) (tone ? 8000 * Math.sin(i * 2 * Math.PI * 440 / 16_000) : 0));
        }
        return b.array();
    }

    @Test
    void aWavsWordsArePlacedWhereItsSpeechIsAndSilenceGetsWordsAsWhisperGivesThem() throws IOException {
        Answer spoken = transcribe(f -> f.addTextBody("model", "openai/whisper-large-v3")
                .addTextBody("response_format", "verbose_json"), wav(6, 1, 2, 4, 5));
        Answer silent = transcribe(f -> f.addTextBody("model", "openai/whisper-large-v3"), wav(3, new double[0]));

        JsonNode segments = spoken.json().get("segments");
        assertEquals(2, segments.size(), segments.toString());
        assertEquals(1.0, segments.get(0).get("start").asDouble(), 0.3);
        assertEquals(2.0, segments.get(0).get("end").asDouble(), 0.3);
        assertEquals(4.0, segments.get(1).get("start").asDouble(), 0.3);
        assertEquals("(emulated) thank you.", silent.json().get("text").asText());
    }

    @Test
    void anMp3sDurationComesFromItsXingFrameCount() throws IOException {
        // speech.mp3: MPEG-2 layer III at 16 kHz, a LAME Info frame, then 129 frames of 576 samples
        byte[] mp3 = Files.readAllBytes(Path.of("../camel-together-audio/src/test/resources/audio/speech.mp3"));

        Answer a = transcribe(f -> f.addTextBody("model", "openai/whisper-large-v3")
                .addTextBody("response_format", "verbose_json"), mp3);

        assertEquals(200, a.status());
        assertEquals(129 * 576 / 16_000.0, a.json().get("duration").asDouble(), 0.001);
    }

    @Test
    void aVariableBitRateMp3WithoutItsXingFrameIsTimedByItsFrames() throws IOException {
        // conversation.mp3: LAME VBR, MPEG-2 Layer III at 16 kHz; an ID3v2 tag, then a Xing frame counting 919
        // frames. Without the Xing frame (as in a part cut from a longer file) only counting the frames tells.
        byte[] mp3 = Files.readAllBytes(Path.of("../camel-together-audio/src/test/resources/audio/conversation.mp3"));
        int xing = 10 + ((mp3[6] & 0x7F) << 21 | (mp3[7] & 0x7F) << 14 | (mp3[8] & 0x7F) << 7 | (mp3[9] & 0x7F));
        int[] mpeg2Kbps = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
        int xingLength = 72_000 * mpeg2Kbps[(mp3[xing + 2] & 0xF0) >> 4] / 16_000 + ((mp3[xing + 2] >> 1) & 1);
        byte[] frames = Arrays.copyOfRange(mp3, xing + xingLength, mp3.length);

        Answer a = transcribe(f -> f.addTextBody("model", "openai/whisper-large-v3")
                .addTextBody("response_format", "verbose_json"), frames);

        assertEquals(200, a.status());
        assertEquals(919 * 576 / 16_000.0, a.json().get("duration").asDouble(), 0.001);
    }

    @Test
    void verboseJsonTimingsFollowTheExactWavDuration() throws IOException {
        Answer a = transcribe(f -> f.addTextBody("model", "openai/whisper-large-v3")
                .addTextBody("response_format", "verbose_json").addTextBody("timestamp_granularities", "word"), wav(6.5));

        assertEquals(200, a.status());
        assertEquals(6.5, a.json().get("duration").asDouble(), 0.0001);
        assertEquals("transcribe", a.json().get("task").asText());
        assertTrue(a.json().get("text").asText().startsWith("(emulated)"));
        JsonNode words = a.json().get("words");
        assertEquals(16, words.size(), "2.5 words a second");
        assertTrue(words.get(words.size() - 1).get("end").asDouble() <= 6.5);
        JsonNode segments = a.json().get("segments");
        assertEquals(6.5, segments.get(segments.size() - 1).get("end").asDouble(), 0.5);
    }

    @Test
    void anAnswerTakesTheConfiguredProcessingTimeForItsAudio() throws IOException {
        EMULATOR.withProcessingSecondsPerAudioHour(360); // 0.1 s per second of audio

        Answer a = transcribe(f -> f.addTextBody("model", "openai/whisper-large-v3"), wav(6.5));

        assertEquals(200, a.status());
        assertTrue(EMULATOR.lastRequest().answeredAfterMillis() >= 650, EMULATOR.lastRequest().toString());
    }

    @Test
    void transcriptsAreDeterministicPerAudio() throws IOException {
        String first = transcribe(f -> f.addTextBody("model", "openai/whisper-large-v3"), wav(3)).json().get("text").asText();
        String again = transcribe(f -> f.addTextBody("model", "openai/whisper-large-v3"), wav(3)).json().get("text").asText();
        String other = transcribe(f -> f.addTextBody("model", "openai/whisper-large-v3"), wav(3.2)).json().get("text").asText();

        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    @Test
    void unknownFieldsAndBadValuesAreInvalidParams() throws IOException {
        Answer unknown = transcribe(f -> f.addTextBody("model", "openai/whisper-large-v3").addTextBody("speed", "2"), wav(1));
        Answer badFormat = transcribe(f -> f.addTextBody("response_format", "srt"), wav(1));
        Answer badTemperature = transcribe(f -> f.addTextBody("temperature", "1.01"), wav(1));
        Answer badGranularity = transcribe(f -> f.addTextBody("timestamp_granularities[]", "sentence"), wav(1));
        Answer speakers = transcribe(f -> f.addTextBody("min_speakers", "3").addTextBody("max_speakers", "2"), wav(1));

        for (Answer a : List.of(unknown, badFormat, badTemperature, badGranularity, speakers)) {
            assertEquals(400, a.status(), a.json().toString());
            assertEquals("invalid_params", a.errorCode());
            assertEquals("invalid_request_error", a.json().path("error").path("type").asText());
        }
        assertEquals("speed", unknown.json().path("error").path("param").asText());
    }

    @Test
    void translationsRejectDiarization() throws IOException {
        Answer a = post("/audio/translations", EMULATOR.apiKey(), f -> f.addTextBody("diarize", "true")
                .addBinaryBody("file", wav(1), ContentType.create("audio/wav"), "a.wav"));

        assertEquals(400, a.status());
        assertEquals("diarize", a.json().path("error").path("param").asText());
    }

    @Test
    void sdkV2ArrayStyleGranularitiesAreAccepted() throws IOException {
        Answer a = transcribe(f -> f.addTextBody("response_format", "verbose_json")
                .addTextBody("timestamp_granularities[]", "segment").addTextBody("timestamp_granularities[]", "word"), wav(2));

        assertEquals(200, a.status());
        assertTrue(a.json().has("words"));
    }

    @Test
    void missingOrWrongKeyIs401() throws IOException {
        Answer missing = post("/audio/transcriptions", null, f -> f.addBinaryBody("file", wav(1), ContentType.create("audio/wav"), "a.wav"));
        Answer wrong = post("/audio/transcriptions", "nope", f -> f.addBinaryBody("file", wav(1), ContentType.create("audio/wav"), "a.wav"));

        assertEquals(401, missing.status());
        assertEquals("missing_api_key", missing.errorCode());
        assertEquals(401, wrong.status());
        assertEquals("invalid_api_key", wrong.errorCode());
    }

    private static Answer getModels(String key) throws IOException {
        HttpGet get = new HttpGet(EMULATOR.baseUrl() + "/models");
        if (key != null) {
            get.setHeader("Authorization", "Bearer " + key);
        }
        return HTTP.execute(get, r -> new Answer(r.getCode(), Json.MAPPER.readTree(EntityUtils.toString(r.getEntity()))));
    }

    @Test
    void modelsListTheSpeechModelsToAnAuthorizedCaller() throws IOException {
        EMULATOR.enqueue(Fault.status(503));

        Answer unavailable = getModels(EMULATOR.apiKey());
        Answer wrongKey = getModels("nope");
        Answer models = getModels(EMULATOR.apiKey());

        assertEquals(503, unavailable.status());
        assertEquals(401, wrongKey.status());
        assertEquals("invalid_api_key", wrongKey.errorCode());
        assertEquals(200, models.status());
        assertTrue(models.json().isArray());
        assertTrue(models.json().findValuesAsText("id").contains("openai/whisper-large-v3"), models.json().toString());
        assertTrue(models.json().get(0).path("display_name").asText().endsWith("(emulated)"));
        assertEquals(3, EMULATOR.modelsRequests());
    }

    @Test
    void formatIsSniffedFromTheBytesNotTheName() throws IOException {
        Answer a = transcribe(f -> { }, "RIFF but not really audio".getBytes());

        assertEquals(400, a.status());
        assertEquals("unsupported_format", a.errorCode());
    }

    @Test
    void partOrderIsRecordedEvenWhenTheModelComesLate() throws IOException {
        post("/audio/transcriptions", EMULATOR.apiKey(), f -> f.addTextBody("language", "en")
                .addBinaryBody("file", wav(1), ContentType.create("audio/wav"), "late.wav")
                .addTextBody("model", "openai/whisper-large-v3"));

        RecordedRequest r = EMULATOR.lastRequest();
        assertEquals(List.of("language", "file", "model"), r.partOrder());
        assertEquals("late.wav", r.fileName());
        assertEquals(wav(1).length, r.fileBytes());
    }

    @Test
    void urlsBeyondLoopbackAreNotFetched() throws IOException {
        Answer a = post("/audio/transcriptions", EMULATOR.apiKey(), f -> f.addTextBody("file", "https://example.com/a.wav"));

        assertEquals(400, a.status());
        assertEquals("file_fetch_failed", a.errorCode());
    }

    @Test
    void aWavWithoutSamplesCannotBeDecoded() throws IOException {
        Answer headerOnly = transcribe(f -> { }, wav(0));
        Answer cutInTheHeader = transcribe(f -> { }, Arrays.copyOf(wav(1), 20));

        assertEquals(400, headerOnly.status());
        assertEquals("unsupported_format", headerOnly.errorCode());
        assertEquals(400, cutInTheHeader.status());
        assertEquals("unsupported_format", cutInTheHeader.errorCode());
    }

    @Test
    void randomFaultsHitTheirShareOfRequestsAndAreRecorded() throws IOException {
        EMULATOR.withRandomFaults(0.5, 7, Fault.status(503));

        int faulted = 0;
        for (int i = 0; i < 40; i++) {
            faulted += transcribe(f -> { }, wav(0.1)).status() == 503 ? 1 : 0;
        }

        assertTrue(faulted > 10 && faulted < 30, faulted + " of 40");
        assertEquals(faulted, EMULATOR.requests().stream().filter(r -> "Fault[STATUS 503]".equals(r.fault())).count());
    }

    @Test
    void faultsApplyToTheNextRequestsInOrder() throws IOException {
        EMULATOR.enqueue(Fault.status(429).withRetryAfter(java.time.Duration.ofSeconds(2)), Fault.status(503));

        assertEquals(429, transcribe(f -> { }, wav(1)).status());
        assertEquals(503, transcribe(f -> { }, wav(1)).status());
        assertEquals(200, transcribe(f -> { }, wav(1)).status());
    }
}
