package io.cameltogether.audio;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.TogetherAudioApiException;
import io.cameltogether.audio.client.TogetherAudioException;
import io.cameltogether.audio.emulator.Fault;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** API errors become typed exceptions; transient failures are retried as far as the body allows. */
class FaultsTest extends EmulatorTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:cached").streamCache("true").to("together-audio:transcribe");
            }
        };
    }

    private Exchange sendStream(String uri, InputStream audio) {
        return template.send(uri, e -> {
            e.getMessage().setBody(audio);
            e.getMessage().setHeader(TogetherAudioConstants.FILE_NAME, "call.wav");
        });
    }

    private TogetherAudioApiException apiError(Exchange exchange) {
        return assertInstanceOf(TogetherAudioApiException.class, exchange.getException());
    }

    @Test
    void rateLimitIsRetriedAfterTheServersRetryAfterMs() {
        EMULATOR.enqueue(Fault.status(429).withRetryAfterMillis(Duration.ofMillis(300)));
        long start = System.nanoTime();

        Exchange exchange = send("together-audio:transcribe?retryDelay=5", SPEECH_WAV);

        assertNull(exchange.getException());
        assertEquals(2, EMULATOR.requests().size());
        assertEquals(429, EMULATOR.requests().get(0).status());
        long waited = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waited >= 300, "honoured retry-after-ms: " + waited + " ms");
        assertEquals(crc32c(SPEECH_WAV), EMULATOR.requests().get(1).fileCrc32c(), "the file was re-sent whole");
    }

    @Test
    void serverErrorsAreRetriedHonouringRetryAfterSeconds() {
        EMULATOR.enqueue(Fault.status(503).withRetryAfter(Duration.ofSeconds(1)), Fault.status(500));
        long start = System.nanoTime();

        Exchange exchange = send("together-audio:transcribe", SPEECH_WAV);

        assertNull(exchange.getException());
        assertEquals(3, EMULATOR.requests().size());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 1000, "waited the Retry-After second");
    }

    @Test
    void retriesStopAtMaxRetriesWithTheLastApiError() {
        EMULATOR.enqueue(Fault.status(500), Fault.status(500), Fault.status(500));

        TogetherAudioApiException e = apiError(send("together-audio:transcribe?maxRetries=2", SPEECH_WAV));

        assertEquals(3, EMULATOR.requests().size(), "one attempt and two retries");
        assertEquals(500, e.getStatus());
        assertEquals("server_error", e.getType());
        assertEquals("processing_failed", e.getCode());
        assertTrue(e.getRequestId().startsWith("emu-"), "the response id to quote to support");
        assertTrue(e.isRetryable());
    }

    @Test
    void badRequestIsNotRetriedAndCarriesTypeCodeAndParam() {
        Exchange exchange = template.send("together-audio:transcribe", e -> {
            e.getMessage().setBody(SPEECH_WAV);
            e.getMessage().setHeader(TogetherAudioConstants.MODEL, "acme/unknown-model");
        });

        TogetherAudioApiException e = apiError(exchange);
        assertEquals(1, EMULATOR.requests().size());
        assertEquals(400, e.getStatus());
        assertEquals("invalid_request_error", e.getType());
        assertEquals("model_not_available", e.getCode());
        assertEquals("model", e.getParam());
        assertTrue(e.getMessage().contains("acme/unknown-model"), e.getMessage());
    }

    @Test
    void unsupportedAudioContentIsA400FromTheApi() throws Exception {
        Exchange exchange = template.send("together-audio:transcribe", e -> {
            e.getMessage().setBody("this is text, not audio".getBytes());
            e.getMessage().setHeader(TogetherAudioConstants.FILE_NAME, "fake.wav");
        });

        TogetherAudioApiException e = apiError(exchange);
        assertEquals("unsupported_format", e.getCode());
        assertTrue(e.getMessage().contains("The content of 'fake.wav' was not recognised as audio"), e.getMessage());
        assertEquals(1, EMULATOR.requests().size());
    }

    @Test
    void wrongApiKeyIs401AndNotRetried() {
        EMULATOR.withApiKey("another-key");

        TogetherAudioApiException e = apiError(send("together-audio:transcribe", SPEECH_WAV));

        assertEquals(401, e.getStatus());
        assertEquals("invalid_api_key", e.getCode());
        assertEquals(1, EMULATOR.requests().size());
    }

    @Test
    void stoppingTheEndpointFailsAMessageWaitingForALateRetryAtOnce() {
        EMULATOR.enqueue(Fault.status(503).withRetryAfter(Duration.ofSeconds(50)));
        String uri = "together-audio:transcribe";
        CompletableFuture<Exchange> sent = template.asyncSend(uri, e -> e.getMessage().setBody(SPEECH_WAV.toFile()));
        await().until(() -> EMULATOR.requests().size() == 1);

        context.getEndpoint(uri).stop();

        await().until(sent::isDone);
        Exception e = sent.join().getException();
        assertTrue(e.getMessage().contains("is stopping: 'speech.wav' was waiting for its turn or for a retry"),
                e.getMessage());
        assertEquals(1, EMULATOR.requests().size());
    }

    @Test
    void theApisRequestTooLargeSaysWhatWasSentAgainstTheCapAndIsNotRetried() {
        EMULATOR.withMaxUploadBytes(10_000);

        TogetherAudioApiException e = apiError(send("together-audio:transcribe", SPEECH_WAV));

        assertEquals(413, e.getStatus());
        assertEquals("request_too_large", e.getType());
        assertTrue(e.getMessage().contains("'speech.wav' was refused after 0.1 MB (145300 bytes) had been sent; "
                + "maxUploadSize is 80.0 MB (80000000 bytes)") && e.getMessage().contains("https URL"),
                e.getMessage());
        assertEquals(1, EMULATOR.requests().size());
    }

    @Test
    void anEdgesHtmlPayloadTooLargeIsThe413AsWell() {
        EMULATOR.withMaxUploadBytes(10_000).withHtmlPayloadTooLarge(true);

        TogetherAudioApiException e = apiError(send("together-audio:transcribe", SPEECH_WAV));

        assertEquals(413, e.getStatus());
        assertTrue(e.getMessage().contains("Payload Too Large") && e.getMessage().contains("https URL"),
                e.getMessage());
        assertEquals(1, EMULATOR.requests().size());
    }

    @Test
    void audioOverTheDurationLimitIsAudioTooLong() {
        EMULATOR.withMaxDurationSeconds(2);

        assertEquals("audio_too_long", apiError(send("together-audio:transcribe", SPEECH_WAV)).getCode());
    }

    @Test
    void connectionResetMidUploadIsRetriedFromTheStartOfTheFile() {
        EMULATOR.enqueue(Fault.resetAfterBytes(50_000));

        Exchange exchange = send("together-audio:transcribe", SPEECH_WAV);

        assertNull(exchange.getException());
        assertEquals(2, EMULATOR.requests().size());
        assertEquals(crc32c(SPEECH_WAV), EMULATOR.lastRequest().fileCrc32c());
    }

    @Test
    void halfSentPlainStreamIsNotResentAndTheErrorSaysWhy() throws Exception {
        EMULATOR.enqueue(Fault.resetAfterBytes(50_000));

        Exchange exchange = sendStream("together-audio:transcribe",
                new ByteArrayInputStream(Files.readAllBytes(SPEECH_WAV)));

        TogetherAudioException e = assertInstanceOf(TogetherAudioException.class, exchange.getException());
        assertTrue(e.getMessage().contains("was not retried") && e.getMessage().contains("stream caching"),
                e.getMessage());
        assertEquals(1, EMULATOR.requests().size());
    }

    @Test
    void cachedStreamIsResentWhole() throws Exception {
        EMULATOR.enqueue(Fault.resetAfterBytes(50_000));

        Exchange exchange = sendStream("direct:cached", new ByteArrayInputStream(Files.readAllBytes(SPEECH_WAV)));

        assertNull(exchange.getException());
        assertEquals(2, EMULATOR.requests().size());
        assertEquals(crc32c(SPEECH_WAV), EMULATOR.lastRequest().fileCrc32c());
    }

    @Test
    void truncatedResponseIsRetried() {
        EMULATOR.enqueue(Fault.truncatedBody());

        Exchange exchange = send("together-audio:transcribe", SPEECH_WAV);

        assertNull(exchange.getException());
        assertTrue(exchange.getMessage().getBody(String.class).startsWith("(emulated)"));
        assertEquals(2, EMULATOR.requests().size());
    }

    @Test
    void answerCutOffOnTheLastAttemptSaysSo() {
        EMULATOR.enqueue(Fault.truncatedBody());

        Exchange exchange = send("together-audio:transcribe?maxRetries=0", SPEECH_WAV);

        TogetherAudioException e = assertInstanceOf(TogetherAudioException.class, exchange.getException());
        assertTrue(e.getMessage().contains("the API's answer (HTTP 200) was cut off"), e.getMessage());
    }

    @Test
    void unreachableApiFailsAfterRetriesWithAConnectionError() {
        Exchange exchange = send("together-audio:transcribe?baseUrl=http://127.0.0.1:1/v1&maxRetries=1", SPEECH_WAV);

        TogetherAudioException e = assertInstanceOf(TogetherAudioException.class, exchange.getException());
        assertTrue(e.getMessage().contains("cannot reach http://127.0.0.1:1/v1/audio/transcriptions"), e.getMessage());
    }

    @Test
    void sourceFailingMidReadIsReportedAndNeverArrivesAsACompleteFile() throws Exception {
        byte[] audio = Files.readAllBytes(SPEECH_WAV);
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(audio)) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if ((read += len) > 100_000) {
                    throw new IOException("disk on fire");
                }
                return super.read(b, off, len);
            }
        };

        Exchange exchange = sendStream("together-audio:transcribe", failing);

        TogetherAudioException e = assertInstanceOf(TogetherAudioException.class, exchange.getException());
        assertTrue(e.getMessage().contains("cannot read the audio 'call.wav': disk on fire"), e.getMessage());
        await().until(() -> EMULATOR.droppedUploads() == 1);
        assertTrue(EMULATOR.requests().isEmpty(), "the server saw a dropped upload, not a complete one");
    }

    @Test
    void answerSlowerThanRequestTimeoutFailsAsATimeout() {
        EMULATOR.enqueue(Fault.delay(Duration.ofSeconds(3)));

        Exchange exchange = send("together-audio:transcribe?requestTimeout=300&maxRetries=0", SPEECH_WAV);

        TogetherAudioException e = assertInstanceOf(TogetherAudioException.class, exchange.getException());
        assertInstanceOf(java.net.SocketTimeoutException.class, e.getCause(), e.getMessage());
        assertTrue(e.getMessage().contains("within requestTimeout (300 ms)"), e.getMessage());
    }
}
