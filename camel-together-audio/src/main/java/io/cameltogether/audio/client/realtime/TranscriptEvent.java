package io.cameltogether.audio.client.realtime;

/**
 * A transcript from a realtime session: a final one per speech turn, or a partial (delta) that replaces the
 * previous partial of the same turn.
 *
 * @param start          where its speech begins, in seconds from the session's first audio (or the stream's, see
 *                       {@code CamelTogetherAudioStreamOffset}), across reconnects: measured by the component in the
 *                       audio it sent, not taken from the server
 * @param duration       how long its speech lasts, in seconds, measured likewise; null for a partial
 * @param type           the server event type
 * @param serverStart    the server's {@code start}, as it sent it: seconds on its consumed-speech clock, which skips
 *                       silence and restarts with each connection; null if absent or not plausible
 * @param serverDuration the server's {@code duration}, likewise
 * @param avgLogprob     the server's average log-probability of the text ({@code logprobs.avg_logprob}), or null
 * @param confidence     the mean of the server's token confidences ({@code tokens[].confidence}, 0 to 1), or null
 */
public record TranscriptEvent(String sessionId, String itemId, String text, Double start, Double duration,
                              boolean isFinal, String type, Double serverStart, Double serverDuration,
                              Double avgLogprob, Double confidence) {
}
