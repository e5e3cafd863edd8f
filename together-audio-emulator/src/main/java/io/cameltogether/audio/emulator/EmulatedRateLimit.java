package io.cameltogether.audio.emulator;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.http.HttpServerResponse;

/**
 * The API's request rate limit, as Together answers it: a token bucket per key and model holding one second of
 * the limit (at least one request) and refilled at it; a request that finds it empty gets 429 with error type {@code dynamic_request_limited}
 * and no Retry-After; every answer carries {@code x-ratelimit-limit}, {@code x-ratelimit-remaining} and
 * {@code x-ratelimit-reset} (the suggested retry interval in seconds: here, until the next token).
 */
final class EmulatedRateLimit {

    private final double perSecond;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    EmulatedRateLimit(double perSecond) {
        this.perSecond = perSecond;
    }

    /** Takes a token for this key and model, and puts the limit headers on the answer; false when none was left. */
    boolean admit(String apiKey, String model, HttpServerResponse response) {
        Bucket bucket = buckets.computeIfAbsent(apiKey + "\n" + model, k -> new Bucket(perSecond, System.nanoTime()));
        double remaining;
        double resetSeconds;
        boolean admitted;
        synchronized (bucket) {
            bucket.refill(perSecond, System.nanoTime());
            admitted = bucket.tokens >= 1;
            if (admitted) {
                bucket.tokens -= 1;
            }
            remaining = Math.floor(bucket.tokens);
            resetSeconds = bucket.tokens >= 1 ? 0 : (1 - bucket.tokens) / perSecond;
        }
        response.putHeader("x-ratelimit-limit", format(perSecond))
                .putHeader("x-ratelimit-remaining", format(remaining))
                .putHeader("x-ratelimit-reset", String.format(Locale.ROOT, "%.3f", resetSeconds));
        return admitted;
    }

    static ApiError limited(String model) {
        return new ApiError(429, "dynamic_request_limited", "rate_limit_exceeded", null, "You have exceeded your "
                + "dynamic request rate for model " + model + "; slow down and retry after x-ratelimit-reset seconds");
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static final class Bucket {
        double tokens;
        long refilledNanos;

        Bucket(double perSecond, long now) {
            this.tokens = Math.max(1, perSecond);
            this.refilledNanos = now;
        }

        void refill(double perSecond, long now) {
            tokens = Math.min(Math.max(1, perSecond), tokens + (now - refilledNanos) / 1e9 * perSecond);
            refilledNanos = now;
        }
    }
}
