package io.cameltogether.audio.client.realtime;

/**
 * A transcript from a realtime session: a final one per speech turn, or a partial (delta) that replaces the
 * previous partial of the same turn.
 *
 * @param start    seconds from the session's first audio, across reconnects; null if the server did not say
 * @param duration seconds of audio the transcript covers; null if the server did not say
 * @param type     the server event type
 */
public record TranscriptEvent(String sessionId, String itemId, String text, Double start, Double duration,
                              boolean isFinal, String type) {
}
