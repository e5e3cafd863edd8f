package io.cameltogether.audio.client.realtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Receives what sessions produce. Called on the session's event loop: hand off anything slow. */
public interface RealtimeListener {

    void onTranscript(TranscriptEvent event);

    /** A turn failed (the session goes on), or the session itself failed ({@link RealtimeException#isFatal()}). */
    void onError(RealtimeException error);

    /** A model's turn-taking event: a turn started, ended or resumed. */
    default void onTurnEvent(TurnEvent event) {
    }

    /** The session's connection opened, dropped, came back, lost audio, or closed. */
    default void onSessionEvent(SessionEvent event) {
    }

    /**
     * Completes once everything handed to this listener for the session so far is delivered (a route has
     * processed it), for callers that must not let audio go before its transcript is safe.
     */
    default CompletableFuture<Void> delivered(String sessionId) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Null while the listener can take more of the session's events; otherwise a stage that completes once it can.
     * The session stops reading its socket until then, so a slow route holds the server back, not the heap.
     */
    default CompletionStage<Void> backlog(String sessionId) {
        return null;
    }

    /** The session closed, normally or after a fatal error. */
    default void onClosed(String sessionId) {
    }
}
