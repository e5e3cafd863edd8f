package io.cameltogether.audio;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cameltogether.audio.client.UserAgent;
import io.cameltogether.audio.emulator.Fault;
import io.cameltogether.audio.emulator.RecordedRequest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every body kind reaches the API intact, as a streamed multipart upload with model first and file last. */
class TranscribeBodiesTest extends EmulatorTestSupport {

    @TempDir
    static Path inbox;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + inbox + "?initialDelay=0&delay=50").routeId("files")
                        .to("together-audio:transcribe")
                        .to("mock:transcripts");
            }
        };
    }

    @Test
    void fileBodyIsUploadedWholeWithModelFirstAndFileLast() throws Exception {
        Exchange exchange = send("together-audio:transcribe", SPEECH_WAV.toFile());

        String text = exchange.getMessage().getBody(String.class);
        assertTrue(text.startsWith("(emulated)"), text);
        RecordedRequest request = EMULATOR.lastRequest();
        assertEquals("/v1/audio/transcriptions", request.path());
        assertEquals("model", request.partOrder().get(0));
        assertEquals("file", request.partOrder().get(request.partOrder().size() - 1));
        assertEquals("openai/whisper-large-v3", request.field("model"));
        assertEquals("speech.wav", request.fileName());
        assertEquals("audio/wav", request.fileContentType());
        assertEquals(Files.size(SPEECH_WAV), request.fileBytes());
        assertEquals(crc32c(SPEECH_WAV), request.fileCrc32c());
        assertTrue(request.header("Authorization").startsWith("Bearer ") && request.status() == 200,
                "the key, in the Authorization header, accepted (the emulator records it without the key)");
        assertEquals(UserAgent.VALUE, request.header("User-Agent"));
        assertTrue(UserAgent.VALUE.matches("camel-together-audio/\\d+\\.\\d+\\.\\d+.*"), UserAgent.VALUE);
        assertNotNull(request.header("Content-Length"), "a file's length is known: no chunked upload");
        assertNull(request.header("Transfer-Encoding"));
    }

    @Test
    void pathBytesAndStreamBodiesArriveIdentical() throws Exception {
        byte[] audio = Files.readAllBytes(SPEECH_WAV);
        send("together-audio:transcribe", SPEECH_WAV);
        Exchange bytes = template.send("together-audio:transcribe", e -> {
            e.getMessage().setBody(audio);
            e.getMessage().setHeader(Exchange.FILE_NAME, "inbox/call.wav");
        });
        Exchange stream = template.send("together-audio:transcribe", e -> {
            e.getMessage().setBody(new ByteArrayInputStream(audio));
            e.getMessage().setHeader("CamelAwsS3Key", "recordings/2026/call-17.wav");
        });

        assertNull(bytes.getException());
        assertNull(stream.getException());
        List<RecordedRequest> requests = EMULATOR.requests();
        assertEquals(3, requests.size());
        assertEquals(List.of("speech.wav", "call.wav", "call-17.wav"),
                requests.stream().map(RecordedRequest::fileName).toList());
        requests.forEach(r -> assertEquals(crc32c(SPEECH_WAV), r.fileCrc32c()));
        assertEquals(bytes.getMessage().getBody(String.class), stream.getMessage().getBody(String.class),
                "same audio, same emulated transcript");
    }

    @Test
    void streamWithoutExtensionTakesFormatFromContentTypeHeader() throws Exception {
        Exchange exchange = template.send("together-audio:transcribe", e -> {
            e.getMessage().setBody(Files.newInputStream(AUDIO.resolve("speech.mp3")));
            e.getMessage().setHeader(TogetherAudioConstants.FILE_NAME, "voicemail-0042");
            e.getMessage().setHeader(TogetherAudioConstants.CONTENT_TYPE, "audio/mpeg");
        });

        assertNull(exchange.getException());
        RecordedRequest request = EMULATOR.lastRequest();
        assertEquals("voicemail-0042.mp3", request.fileName());
        assertEquals("audio/mpeg", request.fileContentType());
    }

    @Test
    void fileConsumerMessagesAreStreamedFromDisk() throws Exception {
        MockEndpoint transcripts = getMockEndpoint("mock:transcripts");
        transcripts.expectedMessageCount(1);
        Files.copy(AUDIO.resolve("speech.flac"), inbox.resolve("meeting.flac"));

        transcripts.assertIsSatisfied();
        assertTrue(transcripts.getExchanges().get(0).getMessage().getBody(String.class).startsWith("(emulated)"));
        assertEquals("meeting.flac", EMULATOR.lastRequest().fileName());
        assertEquals(crc32c(AUDIO.resolve("speech.flac")), EMULATOR.lastRequest().fileCrc32c());
    }

    @Test
    void httpsUrlBodyIsSentAsTheFileFieldForTheApiToFetch() throws Exception {
        String url = EMULATOR.host(SPEECH_WAV);

        Exchange exchange = send("together-audio:transcribe?outputFormat=result", url);

        assertNull(exchange.getException());
        RecordedRequest request = EMULATOR.lastRequest();
        assertEquals(url, request.field("file"));
        assertNull(request.fileName(), "no upload part");
        assertEquals(Files.size(SPEECH_WAV), request.fileBytes(), "the emulator fetched the whole file");
        assertEquals(SPEECH_SECONDS, exchange.getMessage().getHeader(TogetherAudioConstants.DURATION, Double.class), 0.001);
    }

    @Test
    void uriBodyWorksLikeAStringUrl() throws Exception {
        Exchange exchange = send("together-audio:transcribe", URI.create(EMULATOR.host(SPEECH_WAV)));

        assertNull(exchange.getException());
        assertTrue(EMULATOR.lastRequest().field("file").startsWith("https://127.0.0.1:"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "speech.wav, audio/wav, 4.538", "speech.mp3, audio/mpeg, 4.64", "speech.m4a, audio/mp4, 4.539",
            "speech.webm, audio/webm, 4.546", "speech.flac, audio/flac, 4.538", "speech.ogg, audio/ogg, 4.538",
            "speech.opus, audio/opus, 4.538", "speech.aac, audio/aac, 4.07" })
    void everySupportedFormatIsAcceptedWithItsContentTypeAndDuration(String file, String contentType, double seconds) {
        Exchange exchange = send("together-audio:transcribe?outputFormat=result", AUDIO.resolve(file).toFile());

        assertNull(exchange.getException());
        assertEquals(contentType, EMULATOR.lastRequest().fileContentType());
        double duration = exchange.getMessage().getHeader(TogetherAudioConstants.DURATION, Double.class);
        assertEquals(seconds, duration, seconds * 0.25, "duration the emulator read from the " + file + " container");
    }

    @Test
    void producerReturnsBeforeTheAnswerSoTheCallingThreadIsNotBlocked() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        EMULATOR.enqueue(Fault.holdUntil(release));
        AsyncProcessor producer = AsyncProcessorConverterHelper.convert(
                context.getEndpoint("together-audio:transcribe").createProducer());
        ServiceHelper.startService(producer);
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(SPEECH_WAV.toFile());
        CountDownLatch answered = new CountDownLatch(1);

        boolean sync = producer.process(exchange, doneSync -> answered.countDown());

        assertFalse(sync, "completes asynchronously");
        await().until(() -> EMULATOR.heldRequests() == 1);
        assertEquals(1, answered.getCount(), "process returned while the answer is still held at the server");
        release.complete(null);
        assertTrue(answered.await(10, TimeUnit.SECONDS));
        assertTrue(exchange.getMessage().getBody(String.class).startsWith("(emulated)"));
        ServiceHelper.stopService(producer);
    }

    @Test
    void requestsOverlapUpToMaxConcurrentRequests() throws Exception {
        assertEquals(4, mostAtTheServerAtOnceOfFour(4), "4 requests overlapped");
        assertEquals(2, mostAtTheServerAtOnceOfFour(2), "only 2 at a time");
    }

    /**
     * Sends four requests whose answers the emulator holds, each until the test releases it, in the order they
     * arrive; releases one whenever maxConcurrentRequests of them are held. Returns the most held at once.
     */
    private int mostAtTheServerAtOnceOfFour(int maxConcurrentRequests) throws Exception {
        EMULATOR.reset();
        List<CompletableFuture<Void>> releases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            releases.add(new CompletableFuture<>());
            EMULATOR.enqueue(Fault.holdUntil(releases.get(i)));
        }
        String uri = "together-audio:transcribe?maxConcurrentRequests=" + maxConcurrentRequests;
        List<CompletableFuture<Exchange>> inFlight = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inFlight.add(template.asyncSend(uri, e -> e.getMessage().setBody(SPEECH_WAV.toFile())));
        }
        for (int released = 0; released < 4; released++) {
            int arrived = Math.min(4, released + maxConcurrentRequests);
            await().until(() -> EMULATOR.heldRequests() + EMULATOR.requests().size() == arrived);
            releases.get(released).complete(null);
        }
        for (var future : inFlight) {
            assertNull(future.get().getException());
        }
        assertEquals(4, EMULATOR.requests().size());
        return EMULATOR.mostHeldRequests();
    }

    @Test
    void successiveRequestsReuseAKeptAliveConnection() {
        for (int i = 0; i < 3; i++) {
            assertNull(send("together-audio:transcribe", SPEECH_WAV).getException());
        }

        assertEquals(1, EMULATOR.requests().stream().mapToInt(RecordedRequest::clientPort).distinct().count());
    }

    @Test
    void audioContentTypeHeaderFromAnHttpOrS3SourceTellsTheFormat() throws Exception {
        Exchange exchange = template.send("together-audio:transcribe", e -> {
            e.getMessage().setBody(Files.newInputStream(AUDIO.resolve("speech.ogg")));
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "audio/ogg; codecs=vorbis");
        });

        assertNull(exchange.getException());
        assertEquals("audio.ogg", EMULATOR.lastRequest().fileName());
        assertEquals("audio/ogg", EMULATOR.lastRequest().fileContentType());
    }

    @Test
    void resultHeadersCarryLanguageDurationTaskAndResponseId() {
        Exchange exchange = send("together-audio:transcribe?outputFormat=text&responseFormat=verbose_json", SPEECH_WAV);

        Map<String, Object> headers = exchange.getMessage().getHeaders();
        assertEquals("en", headers.get(TogetherAudioConstants.DETECTED_LANGUAGE));
        assertEquals("transcribe", headers.get(TogetherAudioConstants.TASK));
        assertEquals(SPEECH_SECONDS, (Double) headers.get(TogetherAudioConstants.DURATION), 0.001);
        assertTrue(((String) headers.get(TogetherAudioConstants.RESPONSE_ID)).startsWith("emu-"));
    }

    @Test
    void remoteFileDownloadedAsBytesIsSentAndResentWhole() throws Exception {
        GenericFile<String> remote = new GenericFile<>();
        remote.setFile("/upload/calls/call-99.wav"); // what an ftp/sftp consumer holds: a remote handle, not a File
        remote.setFileNameOnly("call-99.wav");
        remote.setBody(Files.readAllBytes(SPEECH_WAV));
        EMULATOR.enqueue(Fault.resetAfterBytes(50_000));

        Exchange exchange = template.send("together-audio:transcribe", e -> {
            e.getMessage().setBody(remote);
            e.getMessage().setHeader(Exchange.FILE_NAME_ONLY, "call-99.wav");
        });

        assertNull(exchange.getException());
        assertEquals(2, EMULATOR.requests().size(), "the downloaded bytes could be sent again");
        assertEquals("call-99.wav", EMULATOR.lastRequest().fileName());
        assertEquals(crc32c(SPEECH_WAV), EMULATOR.lastRequest().fileCrc32c());
    }
}
