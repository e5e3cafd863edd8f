package io.cameltogether.audio.client;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Backoff between attempts, batch requests and realtime reconnects alike, as Together's SDKs do it: exponential
 * from a base delay, capped, with up to 25% jitter so that many clients do not retry in step; a server's
 * {@code retry-after-ms} or {@code Retry-After} (seconds or HTTP date) is followed instead, up to a minute.
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
        return delay(retry, serverDelay(retryAfterMs, retryAfter));
    }

    /**
     * @param retry       1 for the first retry, 2 for the second, ...
     * @param serverDelay what the server asked for, as {@link #serverDelay} read it, or null
     */
    public Duration delay(int retry, Duration serverDelay) {
        if (serverDelay != null) {
            return serverDelay;
        }
        long base = baseDelay.toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(base, maxDelay.toMillis());
        double jitter = 1 - ThreadLocalRandom.current().nextDouble() * 0.25;
        return Duration.ofMillis((long) (capped * jitter));
    }

    /**
     * The delay a server asked for in {@code retry-after-ms} or {@code Retry-After} (seconds or an HTTP date), at
     * most {@link #MAX_SERVER_DELAY}; null when it asked for none, or for one that is negative or not a number.
     */
    public static Duration serverDelay(String retryAfterMs, String retryAfter) {
        Duration asked = millis(retryAfterMs, 1);
        if (asked == null) {
            asked = millis(retryAfter, 1000);
        }
        if (asked == null && retryAfter != null) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                asked = Duration.between(ZonedDateTime.now(at.getZone()), at);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
        if (asked == null || asked.isNegative()) {
            return null;
        }
        return asked.compareTo(MAX_SERVER_DELAY) > 0 ? MAX_SERVER_DELAY : asked;
    }

    private static Duration millis(String value, double millisPerUnit) {
        if (value == null || value.length() > 32) {
            return null;
        }
        try {
            double millis = Double.parseDouble(value.trim()) * millisPerUnit;
            return Double.isFinite(millis) && millis >= 0
                    ? Duration.ofMillis((long) Math.min(millis, MAX_SERVER_DELAY.toMillis())) : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
