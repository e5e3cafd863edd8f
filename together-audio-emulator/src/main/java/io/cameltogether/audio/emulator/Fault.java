package io.cameltogether.audio.emulator;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import io.vertx.core.http.HttpServerResponse;

/**
 * A failure the emulator injects into the next request, as real networks and the real API produce them. Enqueue
 * with {@link TogetherAudioEmulator#enqueue(Fault...)}; each request takes the next fault, if any.
 */
public final class Fault {

    enum Kind { STATUS, DELAY, RESET, TRUNCATE, HOLD }

    final Kind kind;
    final int status;
    final String code;
    final Duration retryAfter;
    final boolean retryAfterInMillis;
    final Duration delay;
    final long resetAfterBytes;
    final CompletionStage<?> release;

    private Fault(Kind kind, int status, String code, Duration retryAfter, boolean retryAfterInMillis, Duration delay,
                  long resetAfterBytes) {
        this(kind, status, code, retryAfter, retryAfterInMillis, delay, resetAfterBytes, null);
    }

    private Fault(Kind kind, int status, String code, Duration retryAfter, boolean retryAfterInMillis, Duration delay,
                  long resetAfterBytes, CompletionStage<?> release) {
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
        this.retryAfterInMillis = retryAfterInMillis;
        this.delay = delay;
        this.resetAfterBytes = resetAfterBytes;
        this.release = release;
    }

    /**
     * Answers with this status and an ErrorData body once the request is read (e.g. 429, 500, 503); 413 answers with
     * the edge's HTML page, as an oversized upload does.
     */
    public static Fault status(int status) {
        return new Fault(Kind.STATUS, status, null, null, false, null, -1);
    }

    /** The same fault with this error code in its body. */
    public Fault withCode(String errorCode) {
        return new Fault(kind, status, errorCode, retryAfter, retryAfterInMillis, delay, resetAfterBytes);
    }

    /** Adds {@code Retry-After} in whole seconds. */
    public Fault withRetryAfter(Duration after) {
        return new Fault(kind, status, code, after, false, delay, resetAfterBytes);
    }

    /** Adds {@code retry-after-ms}, as Together's newer gateways send it. */
    public Fault withRetryAfterMillis(Duration after) {
        return new Fault(kind, status, code, after, true, delay, resetAfterBytes);
    }

    /** Answers normally, after this delay. */
    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, 200, null, null, false, delay, -1);
    }

    /**
     * Holds the answer (a normal one) until the test completes {@code release}: a request the test knows is at the
     * server and unanswered, for as long as it needs. {@link TogetherAudioEmulator#heldRequests()} counts them.
     */
    public static Fault holdUntil(CompletionStage<?> release) {
        return new Fault(Kind.HOLD, 200, null, null, false, null, -1, release);
    }

    /** Drops the connection once this many audio bytes have arrived. */
    public static Fault resetAfterBytes(long bytes) {
        return new Fault(Kind.RESET, 0, null, null, false, null, bytes);
    }

    /** Answers 200 but closes the connection halfway through the body. */
    public static Fault truncatedBody() {
        return new Fault(Kind.TRUNCATE, 200, null, null, false, null, -1);
    }

    /** The ErrorData a {@link Kind#STATUS} fault answers with: the given code, or the one the API uses for the status. */
    ApiError toApiError() {
        String errorCode = code != null ? code : switch (status) {
            case 429 -> "rate_limit_exceeded";
            case 500 -> "processing_failed";
            default -> "service_unavailable";
        };
        String type = status == 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error";
        return new ApiError(status, type, errorCode, null, "Emulated failure " + status + " (" + errorCode + ")");
    }

    void putRetryAfter(HttpServerResponse response) {
        if (retryAfter == null) {
            return;
        }
        if (retryAfterInMillis) {
            response.putHeader("retry-after-ms", Long.toString(retryAfter.toMillis()));
        } else {
            response.putHeader("Retry-After", Long.toString(retryAfter.toSeconds()));
        }
    }

    @Override
    public String toString() {
        return "Fault[" + kind + (status > 0 ? " " + status : "") + "]";
    }
}
