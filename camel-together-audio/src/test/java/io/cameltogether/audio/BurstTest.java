package io.cameltogether.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.emulator.RecordedRequest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A burst far larger than the endpoint's concurrency and queue waits its turn: every message is sent, once. */
class BurstTest extends EmulatorTestSupport {

    private static final int MESSAGES = 2_000;
    private static final String ONE_AT_A_TIME = "together-audio:transcribe?maxConcurrentRequests=1&maxQueuedRequests=0";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:twice").to(ONE_AT_A_TIME).setBody(constant(SPEECH_WAV.toFile())).to(ONE_AT_A_TIME);
            }
        };
    }

    /**
     * A route that sends to the same endpoint again goes on from the thread that took the first answer. That thread
     * must not wait for room: with every place taken by messages queued behind it, nothing else would run them.
     */
    @Test
    void aRouteThatSendsAgainFromTheAnswersThreadIsNotStuckBehindItsOwnQueue() {
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(template.asyncSend("direct:twice", e -> e.getMessage().setBody(SPEECH_WAV.toFile())));
        }

        await().until(() -> sent.stream().allMatch(CompletableFuture::isDone));
        sent.forEach(f -> assertNull(f.join().getException()));
        assertEquals(6, EMULATOR.requests().size());
    }

    @Test
    void everyMessageOfABurstIsSentAndAnswered() {
        byte[] wav = TestAudio.numberedWav(7);
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            sent.add(template.asyncSend("together-audio:transcribe?maxQueuedRequests=100",
                    e -> {
                        e.getMessage().setBody(wav);
                        e.getMessage().setHeader(TogetherAudioConstants.FILE_NAME, "voicemail.wav");
                    }));
        }

        List<Exception> failures = sent.stream().map(CompletableFuture::join).map(Exchange::getException)
                .filter(e -> e != null).toList();

        assertTrue(failures.isEmpty(), failures.size() + " failed, first: " + failures.stream().findFirst());
        List<RecordedRequest> requests = EMULATOR.requests();
        assertEquals(MESSAGES, requests.size(), "each message reached the API once");
        assertTrue(requests.stream().allMatch(r -> r.status() == 200));
    }

    /**
     * A backlog against the API's rate limit, as Together answers it: the endpoints keep to the limit the answers
     * tell, together, so the burst drains at the limit, no message fails for being early, and few requests are
     * refused.
     */
    @Test
    void aBacklogAgainstTheApisRateLimitDrainsAtTheLimitWithFewRefusals() {
        EMULATOR.withRateLimit(100);
        byte[] wav = TestAudio.numberedWav(3);
        List<CompletableFuture<Exchange>> sent = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // two endpoints of one key and model share one pace
            String uri = "together-audio:transcribe?maxQueuedRequests=500" + (i % 2 == 0 ? "" : "&language=en");
            sent.add(template.asyncSend(uri, e -> {
                e.getMessage().setBody(wav);
                e.getMessage().setHeader(TogetherAudioConstants.FILE_NAME, "voicemail.wav");
            }));
        }

        List<Exchange> answered = sent.stream().map(CompletableFuture::join).toList();

        List<Exception> failures = answered.stream().map(Exchange::getException).filter(e -> e != null).toList();
        assertTrue(failures.isEmpty(), failures.size() + " failed, first: " + failures.stream().findFirst());
        List<RecordedRequest> requests = EMULATOR.requests();
        long refused = requests.stream().filter(r -> r.status() == 429).count();
        assertEquals(400, requests.size() - refused, "each message transcribed once");
        assertTrue(refused <= 0.1 * requests.size(), refused + " of " + requests.size() + " requests answered 429");
        assertEquals(100.0, answered.get(399).getMessage().getHeader(TogetherAudioConstants.RATE_LIMIT));
    }
}
