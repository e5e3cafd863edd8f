package io.cameltogether.audio.client;

import java.time.Duration;

/**
 * What the clients report as they work, for metrics. Every method defaults to nothing; {@link #NONE} is the
 * implementation to use without metrics. Implementations are called on I/O threads: they must be quick and
 * thread-safe.
 */
public interface AudioMetrics {

    AudioMetrics NONE = new AudioMetrics() { };

    /**
     * One HTTP attempt ended.
     *
     * @param task   transcribe or translate
     * @param status the answer's status, 0 when none came (connection failure, timeout)
     */
    default void requestCompleted(String task, String model, int status, Duration took) {
    }

    /** A transient failure is retried; {@code status} is 0 for a connection failure. */
    default void requestRetried(String task, int status) {
    }

    /** Audio bytes that left in one attempt's upload, whole or not. */
    default void audioUploaded(String task, long bytes) {
    }

    /** Seconds of audio a batch result covers, as the API reports it. */
    default void audioTranscribed(String task, String model, double seconds) {
    }

    /** An answer carried rate-limit headers: the latest of each is what the API admits now. */
    default void rateLimitsSeen(String model, RateLimits limits) {
    }

    /** A realtime session opened; what it reports until it ends goes to the handle returned. */
    default SessionMetrics realtimeSessionOpened(String model) {
        return SessionMetrics.NONE;
    }

    /**
     * One realtime session's meters, resolved once when it opens, so that appends (ten a second per session) cost
     * an increment and no lookup.
     */
    interface SessionMetrics {

        SessionMetrics NONE = new SessionMetrics() { };

        /** Audio accepted for sending, in seconds. */
        default void audioStreamed(double seconds) {
        }

        /**
         * Values the server sent that the session could not use (of the wrong type, negative, not finite, beyond
         * the audio sent, or a watermark going back), and so ignored.
         */
        default void serverValuesIgnored(int count) {
        }

        /** The session lost its connection and got a new one. */
        default void reconnected() {
        }

        /** The session is closed or failed; called once. */
        default void ended() {
        }
    }
}
