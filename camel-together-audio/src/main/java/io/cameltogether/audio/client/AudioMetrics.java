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

    /** Seconds of audio a result covers (batch: as the API reports it; realtime: as sent). */
    default void audioTranscribed(String task, String model, double seconds) {
    }

    /** A realtime session opened; run what this returns when it ends. */
    default Runnable realtimeSessionOpened(String model) {
        return () -> { };
    }

    /** A realtime session lost its connection and got a new one. */
    default void realtimeReconnected(String model) {
    }
}
