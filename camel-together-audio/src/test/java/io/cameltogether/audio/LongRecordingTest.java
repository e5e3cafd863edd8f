package io.cameltogether.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.converter.stream.InputStreamCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.Json;
import io.cameltogether.audio.client.TogetherAudioApiException;
import io.cameltogether.audio.client.result.Segment;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.client.result.Word;
import io.cameltogether.audio.emulator.Fault;
import io.cameltogether.audio.emulator.RecordedRequest;

/** Recordings beyond the API's limits, or split on purpose, transcribed in one exchange. */
class LongRecordingTest extends EmulatorTestSupport {

    /** 33 s of speech (espeak-ng): 528,060 samples at 16 kHz. */
    private static final Path CONVERSATION = AUDIO.resolve("conversation.wav");
    private static final double CONVERSATION_SECONDS = 33.004;
    private static final Pattern SRT_TIME = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d),(\\d\\d\\d) --> "
            + "(\\d\\d):(\\d\\d):(\\d\\d),(\\d\\d\\d)");

    @Test
    void theApiRefusesARecordingOverItsLimitWhenItIsNotSplit() {
        EMULATOR.withMaxDurationSeconds(10);

        Exchange exchange = send("together-audio:transcribe", CONVERSATION);

        TogetherAudioApiException error = assertInstanceOf(TogetherAudioApiException.class, exchange.getException());
        assertEquals("audio_too_long", error.getCode());
        assertTrue(error.getMessage().contains("in parts when they are longer than maxAudioDuration"),
                error.getMessage());
    }

    @Test
    void aRecordingOverTheDurationLimitIsSentInPartsAndAnsweredAsOne() {
        EMULATOR.withMaxDurationSeconds(10);

        Exchange exchange = send("together-audio:transcribe?maxAudioDuration=10s&outputFormat=result", CONVERSATION);

        assertNull(exchange.getException());
        List<RecordedRequest> requests = EMULATOR.requests();
        assertTrue(requests.size() >= 4, requests.size() + " requests");
        for (int i = 0; i < requests.size(); i++) {
            assertEquals(200, requests.get(i).status());
            assertTrue(requests.get(i).fileName().matches("conversation-part\\d\\.wav"), requests.get(i).fileName());
        }
        TranscriptionResult result = exchange.getMessage().getBody(TranscriptionResult.class);
        assertTrue(result.text().startsWith("(emulated)"), result.text());
        assertEquals(requests.size(), result.text().split("\\(emulated\\)", -1).length - 1,
                "each part's transcript, once, in the joined text");
        assertEquals(CONVERSATION_SECONDS, result.duration(), 0.0005);
        assertEquals(CONVERSATION_SECONDS, exchange.getMessage().getHeader(TogetherAudioConstants.DURATION,
                Double.class), 0.0005);
        List<Segment> segments = result.segments();
        for (int i = 0; i < segments.size(); i++) {
            assertEquals(i, segments.get(i).id());
            assertTrue(i == 0 || segments.get(i).start() >= segments.get(i - 1).end(), "in order: " + segments);
        }
        assertTrue(segments.get(segments.size() - 1).end() > 30, "on the whole recording's clock: " + segments);
    }

    @Test
    void anMp3OverTheDurationLimitIsSentInPartsCutBetweenItsFrames() {
        EMULATOR.withMaxDurationSeconds(10);

        Exchange exchange = send("together-audio:transcribe?maxAudioDuration=10s&outputFormat=result",
                AUDIO.resolve("conversation.mp3"));

        assertNull(exchange.getException());
        List<RecordedRequest> requests = EMULATOR.requests();
        assertTrue(requests.size() >= 4, requests.size() + " requests");
        for (RecordedRequest request : requests) {
            assertEquals(200, request.status());
            assertTrue(request.fileName().matches("conversation-part\\d\\.mp3"), request.fileName());
            assertEquals("audio/mpeg", request.fileContentType());
        }
        TranscriptionResult result = exchange.getMessage().getBody(TranscriptionResult.class);
        assertEquals(919 * 576 / 16000.0, result.duration(), 0.0005, "the frames' 919 x 576 samples at 16 kHz");
        assertEquals(requests.size(), result.text().split("\\(emulated\\)", -1).length - 1);
    }

    @Test
    void aFlacOverTheDurationLimitIsSentInPartsEachAFlacOfItsOwn() {
        EMULATOR.withMaxDurationSeconds(10);

        Exchange exchange = send("together-audio:transcribe?maxAudioDuration=10s&outputFormat=result",
                AUDIO.resolve("conversation.flac"));

        assertNull(exchange.getException());
        List<RecordedRequest> requests = EMULATOR.requests();
        assertTrue(requests.size() >= 4, requests.size() + " requests");
        for (RecordedRequest request : requests) {
            assertEquals(200, request.status());
            assertTrue(request.fileName().matches("conversation-part\\d\\.flac"), request.fileName());
        }
        TranscriptionResult result = exchange.getMessage().getBody(TranscriptionResult.class);
        assertEquals(CONVERSATION_SECONDS, result.duration(), 0.0005);
    }

    @ParameterizedTest
    @ValueSource(strings = {"m4a", "ogg", "opus", "webm", "aac"})
    void aRecordingThatIsNotSplitIsRefusedBeforeSendingWhenItsContainerSaysItIsTooLong(String format) {
        Exchange tooLong = send("together-audio:transcribe?maxAudioDuration=2s", AUDIO.resolve("speech." + format));
        Exchange fits = send("together-audio:transcribe?maxAudioDuration=5s", AUDIO.resolve("speech." + format));

        AudioValidationException error = assertInstanceOf(AudioValidationException.class, tooLong.getException());
        assertTrue(error.getMessage().matches("audio 'speech\\." + format + "' is 5 s long \\(its " + format
                + " container says\\), over maxAudioDuration \\(2 s\\).*convert it.*"), error.getMessage());
        assertNull(fits.getException(), "4.5 s is within 5 s");
        assertEquals(1, EMULATOR.requests().size(), "only the one that fits was sent");
    }

    @Test
    void subtitlesOfASplitRecordingRunOnTheWholeRecordingsClock() {
        Exchange exchange = send("together-audio:transcribe?partDuration=8s&outputFormat=srt", CONVERSATION);

        assertNull(exchange.getException());
        assertTrue(EMULATOR.requests().size() >= 5, EMULATOR.requests().size() + " requests");
        List<double[]> cues = srtCues(exchange.getMessage().getBody(String.class));
        for (int i = 1; i < cues.size(); i++) {
            assertTrue(cues.get(i)[0] >= cues.get(i - 1)[1], "cue " + (i + 1) + " starts after cue " + i + " ends");
        }
        assertTrue(cues.get(cues.size() - 1)[1] > 30, "the last cue is near the end of 33 s");
    }

    @Test
    void aPartThatFailsOnceIsRetriedAlone() {
        EMULATOR.enqueue(Fault.status(503));

        Exchange exchange = send("together-audio:transcribe?partDuration=10s&maxConcurrentRequests=1", CONVERSATION);

        assertNull(exchange.getException());
        List<RecordedRequest> requests = EMULATOR.requests();
        assertEquals(503, requests.get(0).status());
        long failedPart = requests.get(0).fileCrc32c();
        assertEquals(2, requests.stream().filter(r -> r.fileCrc32c() == failedPart).count(), "the failed part, again");
        assertEquals(requests.size() - 1, requests.stream().map(RecordedRequest::fileCrc32c).distinct().count(),
                "every other part sent once");
    }

    @Test
    void aPartThatFailsForGoodFailsTheExchangeNamingItsTimeRange() {
        EMULATOR.enqueue(Fault.delay(Duration.ofMillis(1)), Fault.status(400).withCode("invalid_audio"));

        Exchange exchange = send("together-audio:transcribe?partDuration=10s&maxConcurrentRequests=1", CONVERSATION);

        TogetherAudioApiException error = assertInstanceOf(TogetherAudioApiException.class, exchange.getException());
        assertEquals(400, error.getStatus());
        assertTrue(error.getMessage().matches("(?s).*in part 2 of \\d \\(00:00:\\d\\d\\.\\d{3}-00:00:\\d\\d\\.\\d{3}\\)"
                + " of 'conversation.wav'.*"), error.getMessage());
        assertSame(CONVERSATION, exchange.getMessage().getBody(), "no partial transcript in the body");
        assertEquals(EMULATOR.requests().size(), EMULATOR.requests().stream().map(RecordedRequest::fileCrc32c)
                .distinct().count(), "every part sent, none twice: the failure waited for all of them");
    }

    @Test
    void aWavTheComponentCannotReadIsLeftWholeToTheApiWhenItFitsTheUploadCap() {
        byte[] notReallyWav = new byte[200_000]; // long enough to be over 10 s, were it 8 kHz 8-bit WAV
        Arrays.fill(notReallyWav, (byte) 7);

        Exchange exchange = template.send("together-audio:transcribe?maxAudioDuration=10s", e -> {
            e.getMessage().setBody(notReallyWav);
            e.getMessage().setHeader(Exchange.FILE_NAME, "odd.wav");
        });

        TogetherAudioApiException error = assertInstanceOf(TogetherAudioApiException.class, exchange.getException());
        assertEquals("unsupported_format", error.getCode());
        assertEquals(1, EMULATOR.requests().size());
        assertEquals(notReallyWav.length, EMULATOR.lastRequest().fileBytes());
    }

    @Test
    void afterAPartFailsForGoodNoFurtherPartIsSent() {
        EMULATOR.enqueue(Fault.status(400).withCode("invalid_audio"));

        // 5 s parts of 33 s, one request at a time and no queue: a part is handed over only when a slot is free
        Exchange exchange = send("together-audio:transcribe?partDuration=5s&maxConcurrentRequests=1"
                + "&maxQueuedRequests=0", CONVERSATION);

        assertInstanceOf(TogetherAudioApiException.class, exchange.getException());
        String message = exchange.getException().getMessage();
        assertTrue(message.matches("(?s).*in part 1 of ([7-9]|1\\d) .*"), message);
        // the slot is free a moment before the failure is heard: the part waiting for it, and the one after, may
        // still go; none after those
        assertTrue(EMULATOR.requests().size() <= 3, EMULATOR.requests().size() + " parts sent");
    }

    @Test
    void aStreamCacheIsNotSplitForItsPartsCannotBeReadSideBySide() {
        EMULATOR.withMaxDurationSeconds(10);
        byte[] audio = readAllBytes(CONVERSATION);

        Exchange exchange = template.send("together-audio:transcribe?maxAudioDuration=10s", e -> {
            e.getMessage().setBody(new InputStreamCache(audio));
            e.getMessage().setHeader(Exchange.FILE_NAME, "conversation.wav");
        });

        TogetherAudioApiException error = assertInstanceOf(TogetherAudioApiException.class, exchange.getException());
        assertEquals("audio_too_long", error.getCode());
        assertEquals(1, EMULATOR.requests().size());
    }

    @Test
    void speakersAreKeptApartPerPart() {
        Exchange exchange = send("together-audio:transcribe?partDuration=10s&diarize=true&outputFormat=result",
                CONVERSATION);

        TranscriptionResult result = exchange.getMessage().getBody(TranscriptionResult.class);
        List<String> speakers = result.words().stream().map(Word::speakerId).distinct().toList();
        assertTrue(speakers.stream().allMatch(s -> s.matches("P\\d_SPEAKER_\\d\\d")), speakers.toString());
        assertTrue(speakers.contains("P1_SPEAKER_00") && speakers.contains("P2_SPEAKER_00"), speakers.toString());
        assertTrue(result.speakerSegments().stream().allMatch(t -> t.speakerId().startsWith("P")));
    }

    @Test
    void theJsonOfASplitRecordingHasTheShapeOfTheApisAnswer() throws Exception {
        JsonNode text = Json.MAPPER.readTree(send("together-audio:transcribe?partDuration=10s&outputFormat=json",
                CONVERSATION).getMessage().getBody(String.class));
        JsonNode verbose = Json.MAPPER.readTree(send("together-audio:transcribe?partDuration=10s&outputFormat=json"
                + "&responseFormat=verbose_json", CONVERSATION).getMessage().getBody(String.class));

        assertEquals(List.of("text"), fieldNames(text));
        assertEquals(List.of("text", "task", "language", "duration", "segments"), fieldNames(verbose));
        assertEquals(CONVERSATION_SECONDS, verbose.get("duration").asDouble(), 0.0005);
        assertEquals(text.get("text"), verbose.get("text"));
    }

    private static byte[] readAllBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Start and end seconds of every cue. */
    private static List<double[]> srtCues(String srt) {
        List<double[]> cues = new ArrayList<>();
        Matcher m = SRT_TIME.matcher(srt);
        while (m.find()) {
            cues.add(new double[] { seconds(m, 1), seconds(m, 5) });
        }
        return cues;
    }

    private static double seconds(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 3600 + Integer.parseInt(m.group(group + 1)) * 60
                + Integer.parseInt(m.group(group + 2)) + Integer.parseInt(m.group(group + 3)) / 1000.0;
    }
}
