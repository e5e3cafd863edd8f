package io.cameltogether.audio.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.realtime.VirtualScheduler;
import io.cameltogether.audio.client.request.AudioSource;
import io.cameltogether.audio.client.request.BatchOptions;
import io.cameltogether.audio.client.request.BatchRequest;
import io.cameltogether.audio.client.request.BatchTask;
import io.cameltogether.audio.client.result.BatchResponse;
import io.cameltogether.audio.client.result.TranscriptionResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retries, rate-limit waits and stopping, on a virtual clock, with attempts scripted in place of the API. */
class RetryingSenderTest {

    private static final BatchRequest REQUEST = new BatchRequest(BatchTask.TRANSCRIBE,
            AudioSource.bytes(new byte[] { 1, 2, 3 }, "a.wav", null),
            new BatchOptions("openai/whisper-large-v3", null, null, null, null, null, null, null, null));

    private final VirtualScheduler clock = new VirtualScheduler();
    private final Deque<Supplier<BatchAttempt.Outcome>> script = new ArrayDeque<>();
    private final List<Long> attemptsAtMillis = new ArrayList<>();
    private final RatePacer pacer = new RatePacer(Double.POSITIVE_INFINITY, true, clock, clock::nanoTime);

    private RetryingSender sender(int maxRetries, Duration maxRateLimitWait) {
        return sender(maxRetries, maxRateLimitWait, 8);
    }

    private RetryingSender sender(int maxRetries, Duration maxRateLimitWait, int slots) {
        ClientSettings settings = ClientSettings.builder(URI.create("https://api.example/v1"), ApiKey.of("k"))
                .maxRetries(maxRetries).maxRateLimitWait(maxRateLimitWait).retryDelay(Duration.ofMillis(500))
                .maxConcurrentRequests(slots).build();
        return new RetryingSender(settings, request -> {
            attemptsAtMillis.add(clock.nanoTime() / 1_000_000);
            return script.removeFirst().get();
        }, request -> URI.create("https://api.example/v1/audio/transcriptions"), clock, clock,
                clock::nanoTime, model -> pacer, AudioMetrics.NONE);
    }

    private static BatchAttempt.Outcome ok() {
        BatchResponse response = new BatchResponse("{}", TranscriptionResult.textOnly("hello", null), null,
                RateLimits.NONE);
        return new BatchAttempt.Outcome(200, response, null, RateLimits.NONE, null, true);
    }

    private static BatchAttempt.Outcome error(int status, String type, Duration retryAfter) {
        RateLimits limits = status == 429
                ? new RateLimits(Map.of(RateLimits.REQUEST_LIMIT, 20.0, RateLimits.RESET, 0.25)) : RateLimits.NONE;
        return new BatchAttempt.Outcome(status, null,
                new TogetherAudioApiException(status, type, null, null, "refused", null), limits, retryAfter, true);
    }

    private static Throwable failure(CompletableFuture<BatchResponse> result) {
        return assertThrows(CompletionException.class, result::join).getCause();
    }

    @Test
    void rateLimitedAnswersAreWaitedOutWithoutUsingARetry() {
        script.add(() -> error(429, "dynamic_request_limited", null));
        script.add(() -> error(429, "dynamic_request_limited", null));
        script.add(RetryingSenderTest::ok);

        CompletableFuture<BatchResponse> result = sender(0, Duration.ofMinutes(10)).send(REQUEST, false);
        clock.runUntilIdle();

        assertEquals("hello", result.join().result().text());
        // each 429 held the line for its x-ratelimit-reset of 250 ms
        assertEquals(List.of(0L, 250L, 500L), attemptsAtMillis);
    }

    @Test
    void aRequestStillRateLimitedAfterMaxRateLimitWaitFailsWithTheApisErrorAndTheOption() {
        for (int i = 0; i < 100; i++) {
            script.add(() -> error(429, "dynamic_request_limited", null));
        }

        CompletableFuture<BatchResponse> result = sender(3, Duration.ofSeconds(2)).send(REQUEST, false);
        clock.runUntilIdle();

        TogetherAudioApiException e = assertInstanceOf(TogetherAudioApiException.class, failure(result));
        assertEquals(429, e.getStatus());
        assertTrue(e.getMessage().contains("as long as maxRateLimitWait (2 s) allows"), e.getMessage());
        assertTrue(attemptsAtMillis.get(attemptsAtMillis.size() - 1) == 2_000, attemptsAtMillis.toString());
    }

    @Test
    void theServersRetryAfterDecidesWhenA503IsTriedAgain() {
        script.add(() -> error(503, "server_error", Duration.ofSeconds(7)));
        script.add(RetryingSenderTest::ok);

        CompletableFuture<BatchResponse> result = sender(3, Duration.ofMinutes(10)).send(REQUEST, false);
        clock.runUntilIdle();

        assertEquals("hello", result.join().result().text());
        assertEquals(List.of(0L, 7_000L), attemptsAtMillis);
    }

    @Test
    void transientFailuresStopAfterMaxRetriesWithBackoffBetween() {
        for (int i = 0; i < 4; i++) {
            script.add(() -> BatchAttempt.Outcome.noAnswer(new IOException("connection reset"), true));
        }

        CompletableFuture<BatchResponse> result = sender(3, Duration.ofMinutes(10)).send(REQUEST, false);
        clock.runUntilIdle();

        assertTrue(failure(result).getMessage().contains("cannot reach https://api.example/v1/audio/transcriptions"));
        assertEquals(4, attemptsAtMillis.size());
        // 500, 1000, 2000 ms less up to a quarter of jitter
        long[] gaps = { attemptsAtMillis.get(1) - attemptsAtMillis.get(0),
                attemptsAtMillis.get(2) - attemptsAtMillis.get(1), attemptsAtMillis.get(3) - attemptsAtMillis.get(2) };
        assertTrue(gaps[0] >= 375 && gaps[0] <= 500 && gaps[1] >= 750 && gaps[1] <= 1000 && gaps[2] >= 1500
                && gaps[2] <= 2000, List.of(gaps[0], gaps[1], gaps[2]).toString());
    }

    @Test
    void aCompleteAnswerOfAnErrorTheApiWillRepeatIsNotSentAgain() {
        script.add(() -> error(400, "invalid_request_error", null));

        CompletableFuture<BatchResponse> result = sender(3, Duration.ofMinutes(10)).send(REQUEST, false);
        clock.runUntilIdle();

        assertEquals(400, assertInstanceOf(TogetherAudioApiException.class, failure(result)).getStatus());
        assertEquals(1, attemptsAtMillis.size());
    }

    @Test
    void aOneShotStreamPartlySentIsNotSentAgain() {
        BatchRequest stream = new BatchRequest(BatchTask.TRANSCRIBE,
                AudioSource.stream(new ByteArrayInputStream(new byte[] { 1 }), "a.wav", null, -1), REQUEST.options());
        script.add(() -> BatchAttempt.Outcome.noAnswer(new IOException("connection reset"), true));

        CompletableFuture<BatchResponse> result = sender(3, Duration.ofMinutes(10)).send(stream, false);
        clock.runUntilIdle();

        assertTrue(failure(result).getMessage().contains("already partly sent"));
        assertEquals(1, attemptsAtMillis.size());
    }

    @Test
    void anErrorThrownByAnAttemptEndsTheRequestAndFreesTheSlot() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        script.add(() -> {
            throw oom;
        });
        script.add(RetryingSenderTest::ok);
        RetryingSender sender = sender(3, Duration.ofMinutes(10), 1);

        CompletableFuture<BatchResponse> failed = sender.send(REQUEST, false);
        clock.runUntilIdle();
        CompletableFuture<BatchResponse> next = sender.send(REQUEST, false);
        clock.runUntilIdle();

        assertSame(oom, failure(failed));
        assertEquals("hello", next.join().result().text());
    }

    @Test
    void stoppingFailsARequestWaitingForALateRetryAtOnce() {
        script.add(() -> error(503, "server_error", Duration.ofSeconds(50)));
        RetryingSender sender = sender(3, Duration.ofMinutes(10));
        CompletableFuture<BatchResponse> result = sender.send(REQUEST, false);
        clock.runUntil(Duration.ofSeconds(1).toNanos()); // the first attempt; its retry is due at 50 s

        sender.close();

        assertTrue(result.isDone());
        assertTrue(failure(result).getMessage().contains("is stopping: 'a.wav' was waiting for its turn or for a "
                + "retry"), failure(result).getMessage());
        clock.runUntilIdle();
        assertEquals(1, attemptsAtMillis.size());
    }

    @Test
    void withMaxRateLimitWaitZeroTheFirst429Fails() {
        script.add(() -> error(429, "dynamic_request_limited", null));

        CompletableFuture<BatchResponse> result = sender(3, Duration.ZERO).send(REQUEST, false);
        clock.runUntilIdle();

        assertEquals(429, assertInstanceOf(TogetherAudioApiException.class, failure(result)).getStatus());
        assertEquals(1, attemptsAtMillis.size());
    }

    @Test
    void a429CutOffMidAnswerIsRetriedAsAnyAnswerCutOff() {
        script.add(() -> BatchAttempt.Outcome.noAnswer(
                new BatchAttempt.AnswerCutOffException(429, new IOException("connection reset")), true));
        script.add(RetryingSenderTest::ok);

        CompletableFuture<BatchResponse> result = sender(3, Duration.ofMinutes(10)).send(REQUEST, false);
        clock.runUntilIdle();

        assertEquals("hello", result.join().result().text());
        assertEquals(2, attemptsAtMillis.size());
    }

    @Test
    void requestsBeyondTheSlotsWaitForOneAndGoInOrder() {
        List<String> sent = new ArrayList<>();
        RetryingSender sender = new RetryingSender(
                ClientSettings.builder(URI.create("https://api.example/v1"), ApiKey.of("k")).maxConcurrentRequests(1)
                        .build(),
                request -> {
                    sent.add(request.audio().fileName());
                    return ok();
                }, request -> URI.create("https://api.example/v1/audio/transcriptions"), clock, clock,
                clock::nanoTime, model -> pacer, AudioMetrics.NONE);

        List<CompletableFuture<BatchResponse>> results = new ArrayList<>();
        for (String name : List.of("a.wav", "b.wav", "c.wav")) {
            results.add(sender.send(new BatchRequest(BatchTask.TRANSCRIBE, AudioSource.bytes(new byte[] { 1 }, name,
                    null), REQUEST.options()), false));
        }
        clock.runUntilIdle();

        results.forEach(CompletableFuture::join);
        assertEquals(List.of("a.wav", "b.wav", "c.wav"), sent);
    }

    @Test
    void stoppingFailsRequestsWaitingForASlotAndSendsNoneOfThem() {
        script.add(() -> error(503, "server_error", Duration.ofSeconds(50)));
        RetryingSender sender = sender(3, Duration.ofMinutes(10), 1);
        CompletableFuture<BatchResponse> first = sender.send(REQUEST, false);
        clock.runUntil(Duration.ofSeconds(1).toNanos());
        CompletableFuture<BatchResponse> second = sender.send(REQUEST, false); // takes the slot the retry gave back

        sender.close();
        clock.runUntilIdle();

        assertTrue(failure(first).getMessage().contains("is stopping"));
        assertTrue(failure(second).getMessage().contains("is stopping"));
        assertEquals(1, attemptsAtMillis.size());
    }

    @Test
    void onTheCallingThreadTheFirstAttemptRunsThereAfterItsTurn() {
        script.add(RetryingSenderTest::ok);
        Thread caller = Thread.currentThread();
        List<Thread> ranOn = new ArrayList<>();
        RetryingSender sender = new RetryingSender(
                ClientSettings.builder(URI.create("https://api.example/v1"), ApiKey.of("k")).build(),
                request -> {
                    ranOn.add(Thread.currentThread());
                    return script.removeFirst().get();
                }, request -> URI.create("https://api.example/v1/audio/transcriptions"), clock, clock,
                clock::nanoTime, model -> pacer, AudioMetrics.NONE);

        CompletableFuture<BatchResponse> result = sender.send(REQUEST, true);

        assertTrue(result.isDone(), "answered before send returned");
        assertEquals("hello", result.join().result().text());
        assertEquals(List.of(caller), ranOn);
    }
}
