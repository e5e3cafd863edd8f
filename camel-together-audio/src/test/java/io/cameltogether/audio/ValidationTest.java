package io.cameltogether.audio;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import io.cameltogether.audio.client.AudioValidationException;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input fails before anything is sent, saying what was wrong and what is accepted. */
class ValidationTest extends EmulatorTestSupport {

    @TempDir
    static Path work;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + work.resolve("inbox") + "?initialDelay=0&delay=50&moveFailed=../failed")
                        .to("together-audio:transcribe")
                        .to("mock:done");
            }
        };
    }

    @AfterEach
    void nothingReachedTheApi() {
        assertEquals(0, EMULATOR.requests().size(), "rejected before sending");
        assertEquals(0, EMULATOR.realtimeSessions().size(), "no realtime session opened");
    }

    private AudioValidationException rejected(String uri, Object body) {
        return rejected(uri, body, Map.of());
    }

    private AudioValidationException rejected(String uri, Object body, Map<String, Object> headers) {
        Exchange exchange = template.send(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new HashMap<>(headers));
        });
        return assertInstanceOf(AudioValidationException.class, exchange.getException());
    }

    private String creationFailure(String uri) {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint(uri));
        return e.getCause().getMessage();
    }

    @Test
    void unknownFileFormatNamesTheFileAndTheAcceptedFormats() throws Exception {
        Path notes = Files.writeString(work.resolve("notes.txt"), "not audio");

        String message = rejected("together-audio:transcribe", notes.toFile()).getMessage();

        assertTrue(message.contains("notes.txt") && message.contains(".wav, .mp3, .m4a, .webm, .flac, .ogg, .opus, .aac"),
                message);
    }

    @Test
    void emptyFileBytesAndStreamAreRejected() throws Exception {
        Path empty = Files.createFile(work.resolve("empty.wav"));

        assertTrue(rejected("together-audio:transcribe", empty.toFile()).getMessage().contains("empty"));
        Exchange bytes = template.send("together-audio:transcribe", e -> {
            e.getMessage().setBody(new byte[0]);
            e.getMessage().setHeader(TogetherAudioConstants.FILE_NAME, "a.wav");
        });
        Exchange stream = template.send("together-audio:transcribe", e -> {
            e.getMessage().setBody(new ByteArrayInputStream(new byte[0]));
            e.getMessage().setHeader(TogetherAudioConstants.FILE_NAME, "a.wav");
        });
        assertTrue(bytes.getException().getMessage().contains("is empty"));
        assertTrue(stream.getException().getMessage().contains("is empty"));
    }

    @Test
    void fileOverMaxUploadSizeSuggestsAnHttpsUrl() {
        String message = rejected("together-audio:transcribe?maxUploadSize=1000", SPEECH_WAV).getMessage();

        assertTrue(message.contains("over maxUploadSize") && message.contains("https URL"), message);
    }

    @Test
    void streamOfUnknownLengthIsStoppedWhenItPassesMaxUploadSize() throws Exception {
        Exchange exchange = template.send("together-audio:transcribe?maxUploadSize=100000", e -> {
            e.getMessage().setBody(Files.newInputStream(SPEECH_WAV));
            e.getMessage().setHeader(TogetherAudioConstants.FILE_NAME, "long-call.wav");
        });

        assertInstanceOf(AudioValidationException.class, exchange.getException());
        assertTrue(exchange.getException().getMessage().contains("or more, over maxUploadSize"));
        // the server must see a dropped upload, never a complete truncated file (checked after each test)
        await().until(() -> EMULATOR.droppedUploads() > 0);
    }

    @Test
    void temperatureOutsideZeroToOneIsRejectedInHeadersAndAtEndpointCreation() {
        Exchange exchange = template.send("together-audio:transcribe", e -> {
            e.getMessage().setBody(SPEECH_WAV);
            e.getMessage().setHeader(TogetherAudioConstants.TEMPERATURE, 1.5);
        });

        assertTrue(exchange.getException().getMessage().contains("temperature 1.5 is outside the accepted range 0..1"));
        assertTrue(creationFailure("together-audio:transcribe?temperature=-0.1").contains("outside the accepted range"));
    }

    @Test
    void minSpeakersAboveMaxSpeakersIsRejected() {
        String message = rejected("together-audio:transcribe?diarize=true", SPEECH_WAV,
                Map.of(TogetherAudioConstants.MIN_SPEAKERS, 4, TogetherAudioConstants.MAX_SPEAKERS, 2)).getMessage();

        assertTrue(message.contains("minSpeakers 4 is greater than maxSpeakers 2"), message);
        assertTrue(creationFailure("together-audio:transcribe?diarize=true&minSpeakers=4&maxSpeakers=2")
                .contains("minSpeakers 4 is greater than maxSpeakers 2"));
    }

    @Test
    void nonHttpsUrlBodyIsRejected() {
        String message = rejected("together-audio:transcribe", "http://example.com/call.mp3").getMessage();

        assertTrue(message.contains("not an https URL"), message);
    }

    @Test
    void optionsThatCannotBeHonouredWithTheChosenFormatsAreRejected() {
        assertTrue(rejected("together-audio:transcribe?responseFormat=json", SPEECH_WAV,
                Map.of(TogetherAudioConstants.OUTPUT_FORMAT, "srt")).getMessage().contains("subtitles need timestamps"));
        assertTrue(rejected("together-audio:transcribe?responseFormat=json", SPEECH_WAV,
                Map.of(TogetherAudioConstants.TIMESTAMP_GRANULARITIES, "word")).getMessage()
                .contains("timestampGranularities"));
        assertTrue(rejected("together-audio:transcribe?responseFormat=json", SPEECH_WAV,
                Map.of(TogetherAudioConstants.DIARIZE, true)).getMessage().contains("diarize"));
        assertTrue(rejected("together-audio:translate", SPEECH_WAV, Map.of(TogetherAudioConstants.DIARIZE, "true"))
                .getMessage().contains("not accepted by translate"));
        assertTrue(creationFailure("together-audio:transcribe?responseFormat=json&outputFormat=vtt")
                .contains("subtitles need timestamps"));
        assertTrue(creationFailure("together-audio:translate?diarize=true").contains("not accepted by translate"));
        assertTrue(creationFailure("together-audio:transcribe?minSpeakers=2").contains("only apply with diarize=true"));
    }

    @Test
    void unknownHeaderValuesNameTheHeaderAndTheAcceptedValues() {
        Exchange exchange = template.send("together-audio:transcribe", e -> {
            e.getMessage().setBody(SPEECH_WAV);
            e.getMessage().setHeader(TogetherAudioConstants.OUTPUT_FORMAT, "docx");
        });

        String message = exchange.getException().getMessage();
        assertTrue(message.contains("CamelTogetherAudioOutputFormat") && message.contains("text, result, json, srt or vtt"),
                message);
    }

    @Test
    void aMissingFileOrADirectoryGetsTheSameMessageInBatchAndRealtime() throws Exception {
        Path missing = work.resolve("gone.wav");
        Path folder = Files.createDirectories(work.resolve("calls.wav"));
        for (Path body : List.of(missing, folder)) {
            String batch = rejected("together-audio:transcribe", body.toFile()).getMessage();
            String realtime = rejected("together-audio:realtime", body.toFile(),
                    Map.of(TogetherAudioConstants.SESSION_ID, "call")).getMessage();

            assertEquals(batch, realtime);
            assertTrue(batch.contains(body.toString()), batch);
        }
        assertTrue(rejected("together-audio:realtime", folder).getMessage().endsWith("is a directory: send a file"));
    }

    @Test
    void aBodyThatIsNotAudioGetsTheSameMessageInBatchAndRealtime() {
        for (Object body : new Object[] { 42, null }) {
            String batch = rejected("together-audio:transcribe", body).getMessage();
            String realtime = rejected("together-audio:realtime", body,
                    Map.of(TogetherAudioConstants.SESSION_ID, "call")).getMessage();

            assertEquals(batch, realtime);
            assertTrue(batch.contains(body == null ? "body is empty" : "java.lang.Integer is not audio"), batch);
            assertTrue(batch.contains("File, Path, file consumer message"), "says what is accepted: " + batch);
        }
    }

    @Test
    void aWavWhoseHeaderDeclaresNoUsableRateOrFrameGetsTheSameMessageInBatchAndRealtimeBeforeAnythingIsSent()
            throws Exception {
        byte[] wav = TestAudio.wav(TestAudio.speechPcm(), 1, 1, false);
        // what the header says wrong, and where: the fmt chunk's rate at byte 24, channels at 22, bits at 34
        Map<String, int[]> wrongs = Map.of("a sample rate of 0 Hz", new int[] { 24, 0 },
                "a sample rate of 1 Hz", new int[] { 24, 1 }, "0 channel(s)", new int[] { 22, 0 },
                "0 bits a sample", new int[] { 34, 0 });
        for (Map.Entry<String, int[]> wrong : wrongs.entrySet()) {
            byte[] broken = wav.clone();
            ByteBuffer header = ByteBuffer.wrap(broken).order(ByteOrder.LITTLE_ENDIAN);
            if (wrong.getValue()[0] == 24) {
                header.putInt(24, wrong.getValue()[1]);
            } else {
                header.putShort(wrong.getValue()[0], (short) wrong.getValue()[1]);
            }
            Path file = Files.write(work.resolve("broken.wav"), broken);
            for (Object body : new Object[] { broken, file.toFile(), new ByteArrayInputStream(broken) }) {
                String batch = rejected("together-audio:transcribe", body,
                        Map.of(TogetherAudioConstants.FILE_NAME, "broken.wav")).getMessage();
                if (body instanceof ByteArrayInputStream stream) {
                    stream.reset(); // batch peeked at it
                }
                String realtime = rejected("together-audio:realtime", body,
                        Map.of(TogetherAudioConstants.SESSION_ID, "broken")).getMessage();

                assertEquals(batch, realtime);
                assertTrue(batch.contains(wrong.getKey()), wrong.getKey() + " in " + batch);
            }
        }
    }

    @Test
    void aRealtimeBodyThatStartsAsRiffButIsNoWavIsRefusedNotStreamedAsPcm() {
        byte[] riffButNotWave = "RIFF\0\0\0\0AVI LIST and then some bytes".getBytes();

        String message = rejected("together-audio:realtime", riffButNotWave).getMessage();

        assertTrue(message.contains("not a WAV file"), message);
    }

    @Test
    void committingASessionThatIsNotOpenFailsAndOpensNothing() {
        AudioValidationException e = rejected("together-audio:realtime", null, Map.of(
                TogetherAudioConstants.SESSION_ID, "never-opened", TogetherAudioConstants.REALTIME_ACTION, "commit"));

        assertTrue(e.getMessage().contains("no open realtime session 'never-opened' to commit"), e.getMessage());
        Exchange close = template.send("together-audio:realtime", ex -> {
            ex.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, "never-opened");
            ex.getMessage().setHeader(TogetherAudioConstants.REALTIME_ACTION, "close");
        });
        assertEquals(null, close.getException(), "closing what is not open is nothing to do");
    }

    @Test
    void enumeratedUriOptionsNameTheOptionAndListTheAcceptedValues() {
        assertEquals("outputFormat=docx is not accepted: use text, result, json, srt or vtt",
                creationFailure("together-audio:transcribe?outputFormat=docx"));
        assertEquals("responseFormat=xml is not accepted: use json or verbose_json",
                creationFailure("together-audio:transcribe?responseFormat=xml"));
    }

    @Test
    void numericUriOptionsOutOfRangeNameTheOptionAndWhatIsAccepted() {
        assertEquals("retryDelay=-5 is not accepted: give milliseconds, or a duration such as 30s or 5m; 0 retries "
                + "at once", creationFailure("together-audio:transcribe?retryDelay=-5"));
        assertEquals("requestTimeout=0 is not accepted: give milliseconds, or a duration such as 30s or 5m above 0",
                creationFailure("together-audio:transcribe?requestTimeout=0"));
        assertTrue(creationFailure("together-audio:transcribe?connectTimeout=-1")
                .startsWith("connectTimeout=-1 is not accepted"));
        assertTrue(creationFailure("together-audio:transcribe?maxQueuedRequests=-1")
                .startsWith("maxQueuedRequests=-1 is not accepted"));
        assertTrue(creationFailure("together-audio:realtime?sessionIdleTimeout=0")
                .startsWith("sessionIdleTimeout=0 is not accepted"));
        assertTrue(creationFailure("together-audio:realtime?maxSessions=0").startsWith("maxSessions=0 is not accepted"));
        assertEquals("maxRequestsPerSecond=1.0E-4 is not accepted: give requests per second from 0.001, such as 20 "
                + "or 0.5, or 0 for no ceiling", creationFailure("together-audio:transcribe?maxRequestsPerSecond=0.0001"));
        assertTrue(creationFailure("together-audio:transcribe?maxResponseSize=0")
                .startsWith("maxResponseSize=0 is not accepted"));
        assertTrue(creationFailure("together-audio:realtime?replayBufferDuration=1s")
                .startsWith("replayBufferDuration=1000 is not accepted"));
    }

    @Test
    void invalidUriOptionsFailWhenTheEndpointIsCreated() {
        assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint("together-audio:transcribe?timestampGranularities=sentence"));
        assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint("together-audio:summarize"));
        assertTrue(creationFailure("together-audio:realtime?turnDetection=semantic")
                .contains("turnDetection=semantic is not accepted: use server_vad or none"));
        assertTrue(creationFailure("together-audio:realtime?pace=slow")
                .contains("pace=slow is not accepted: use realtime or fast"));
        assertTrue(creationFailure("together-audio:realtime?chunkDurationMs=5000").contains("at most 1000 ms"));
        assertTrue(creationFailure("together-audio:realtime?vadThreshold=2").contains("outside the accepted range"));
        assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint("together-audio:realtime?inputAudioFormat=pcm_s16le_44100"));
        Exception consumer = assertThrows(Exception.class, () -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("together-audio:transcribe").to("mock:never");
            }
        }));
        assertTrue(String.valueOf(consumer.getCause()).contains("works with together-audio:realtime"), consumer.toString());
    }

    @Test
    @DisabledIfEnvironmentVariable(named = "TOGETHER_API_KEY", matches = ".+",
                                   disabledReason = "the key from the environment is used when none is configured")
    void endpointWithoutAnyApiKeyFailsToStartSayingHowToSetOne() throws Exception {
        context.getComponent("together-audio", TogetherAudioComponent.class).getConfiguration().setApiKey(null);

        Exception e = assertThrows(Exception.class, () -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:nokey").to("together-audio:translate");
            }
        }));
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().contains("TOGETHER_API_KEY") && cause.getMessage().contains("apiKey"),
                cause.getMessage());
    }

    @Test
    void failedFileIsLeftForCamelsErrorHandlingToMove() throws Exception {
        MockEndpoint done = getMockEndpoint("mock:done");
        done.expectedMessageCount(0);
        Files.createDirectories(work.resolve("inbox"));
        Files.writeString(work.resolve("inbox/call.txt"), "not audio");

        Path failed = work.resolve("failed/call.txt");
        await().until(() -> Files.exists(failed));
        assertEquals("not audio", Files.readString(failed));
        done.assertIsSatisfied();
    }
}
