package io.cameltogether.audio.client;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Backoff between attempts, batch requests and realtime reconnects alike, as Together's SDKs do it: exponential
 * from a base delay, capped, with up to 25% jitter so that many clients do not retry in step; a server's {@code retry-after-ms} or {@code Retry-After} (seconds or
 * HTTP date) wins when it asks for at most a minute.
 */
public final class RetryPolicy {

    static final Duration MAX_DELAY = Duration.ofSeconds(8);
    static final Duration MAX_SERVER_DELAY = Duration.ofSeconds(60);

    private final Duration baseDelay;
    private final Duration maxDelay;

    /** Backoff for batch requests: capped at {@link #MAX_DELAY}. */
    public RetryPolicy(Duration baseDelay) {
        this(baseDelay, MAX_DELAY);
    }

    /** @param maxDelay the cap of the exponential backoff (a server's Retry-After may ask for more) */
    public RetryPolicy(Duration baseDelay, Duration maxDelay) {
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
    }

    /**
     * @param retry        1 for the first retry, 2 for the second, ...
     * @param retryAfterMs the {@code retry-after-ms} header or null
     * @param retryAfter   the {@code Retry-After} header or null
     */
    public Duration delay(int retry, String retryAfterMs, String retryAfter) {
        Duration server = serverDelay(retryAfterMs, retryAfter);
        if (server != null && !server.isNegative() && server.compareTo(MAX_SERVER_DELAY) <= 0) {
            return server;
        }
        long base = baseDelay.toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(base, maxDelay.toMillis());
        double jitter = 1 - ThreadLocalRandom.current().nextDouble() * 0.25;
        return Duration.ofMillis((long) (capped * jitter));
    }

    private static Duration serverDelay(String retryAfterMs, String retryAfter) {
        if (retryAfterMs != null) {
            try {
                return Duration.ofMillis((long) Double.parseDouble(retryAfterMs.trim()));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        if (retryAfter == null) {
            return null;
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(retryAfter.trim()) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Duration.between(ZonedDateTime.now(at.getZone()), at);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
