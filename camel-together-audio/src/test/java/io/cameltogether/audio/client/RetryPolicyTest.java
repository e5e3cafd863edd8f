package io.cameltogether.audio.client;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(500));

    @Test
    void backoffDoublesWithJitterUpToTheCap() {
        for (int retry = 1; retry <= 6; retry++) {
            long expected = Math.min(500L << (retry - 1), RetryPolicy.MAX_DELAY.toMillis());
            long delay = policy.delay(retry, null, null).toMillis();
            assertTrue(delay <= expected && delay >= expected * 0.75, "retry " + retry + ": " + delay);
        }
    }

    @Test
    void serverDelaysWinRetryAfterMsFirst() {
        assertEquals(Duration.ofMillis(1500), policy.delay(1, "1500", "30"));
        assertEquals(Duration.ofSeconds(3), policy.delay(1, null, "3"));
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(2));
        long fromDate = policy.delay(1, null, inTwoSeconds).toMillis();
        assertTrue(fromDate > 0 && fromDate <= 2000, "HTTP date: " + fromDate);
    }

    @Test
    void aServerDelayOverAMinuteIsFollowedForAMinute() {
        assertEquals(Duration.ofSeconds(60), policy.delay(1, null, "3600"));
        assertEquals(Duration.ofSeconds(60), policy.delay(1, "1e300", null));
    }

    @Test
    void unreadableOrNegativeServerDelaysFallBackToBackoff() {
        assertTrue(policy.delay(1, "soon", "later").toMillis() <= 500);
        assertTrue(policy.delay(1, "NaN", "-5").toMillis() <= 500);
    }
}
