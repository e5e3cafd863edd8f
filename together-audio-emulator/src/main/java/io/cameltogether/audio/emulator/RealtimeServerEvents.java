package io.cameltogether.audio.emulator;

import java.util.Random;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The server events of one realtime connection, in the shapes the live server sends them: transcription events
 * with {@code item_id}, {@code start} and {@code duration} on the server's consumed-speech clock (or, in the bare
 * shape of Together's docs, only the type and the text), with log-probabilities and token confidences when asked
 * for; {@code failed} frames, fatal or for one turn; Deepgram's turn events; the {@code processed} watermark.
 */
final class RealtimeServerEvents {

    static final String PREFIX = "conversation.item.input_audio_transcription.";

    private final boolean bare;
    private final boolean confidences;
    private int events;

    RealtimeServerEvents(boolean bare, boolean confidences) {
        this.bare = bare;
        this.confidences = confidences;
    }

    ObjectNode event(String type) {
        return Json.MAPPER.createObjectNode().put("event_id", "evt_" + ++events).put("type", type);
    }

    /**
     * A delta or completed event. {@code start} and {@code duration} are seconds of speech the connection has
     * consumed, silence skipped: NOT positions in the appended audio, as the live server reports them.
     */
    ObjectNode transcription(String kind, String itemId, String text, double start, double duration, long seed) {
        ObjectNode event = bare ? Json.MAPPER.createObjectNode().put("type", PREFIX + kind) : event(PREFIX + kind);
        event.put(kind.equals("delta") ? "delta" : "transcript", text);
        if (!bare) {
            event.put("item_id", itemId).put("start", round(start)).put("duration", round(duration));
        }
        if (confidences) {
            addConfidences(event, text, seed);
        }
        return event;
    }

    /** A turn-taking event, as Deepgram's models send them (their exact fields are not documented). */
    ObjectNode turn(String kind, String itemId, long seed) {
        ObjectNode event = event(PREFIX + kind);
        if (!bare) {
            event.put("item_id", itemId);
        }
        if (confidences && kind.endsWith("end_of_turn")) {
            event.put("end_of_turn_confidence", round(0.6 + new Random(seed).nextDouble() * 0.4));
        }
        return event;
    }

    /** One turn's transcription failed; the session goes on. */
    ObjectNode turnFailed(String itemId, String code) {
        ObjectNode failed = event(PREFIX + "failed").put("item_id", itemId).put("event_type", PREFIX + "completed");
        failed.putObject("error").put("type", "server_error").put("code", code)
                .put("message", "Emulated transcription failure of one turn").putNull("param");
        return failed;
    }

    /** A fatal failure: no event_type; the server closes the socket after it. */
    ObjectNode fatal(String type, String code, String message) {
        ObjectNode failed = event(PREFIX + "failed");
        ObjectNode error = failed.putObject("error").put("type", type).put("message", message);
        error.put("code", code).putNull("param");
        return failed;
    }

    /** An error event with its message under error.message, or (the other shape seen) at the top level. */
    ObjectNode error(String code, String message, boolean topLevel) {
        ObjectNode error = event("error");
        if (topLevel) {
            return error.put("code", code).put("message", message);
        }
        error.putObject("error").put("type", "invalid_request_error").put("code", code).put("message", message);
        return error;
    }

    /** The watermark on the appended-audio timeline: every decode of audio before it is finished. */
    ObjectNode processed(double millis) {
        return event("input_audio_buffer.processed").put("processed_ms", Math.round(millis));
    }

    /** Log-probabilities and token confidences drawn from the text's seed: the same speech, the same figures. */
    private static void addConfidences(ObjectNode event, String text, long seed) {
        Random random = new Random(seed ^ text.length());
        String[] words = text.isBlank() ? new String[0] : text.split(" ");
        ObjectNode logprobs = event.putObject("logprobs");
        ArrayNode tokenLogprobs = logprobs.putArray("token_logprobs");
        ArrayNode tokenTexts = logprobs.putArray("token_texts");
        ArrayNode tokens = event.putArray("tokens");
        double sum = 0;
        for (int i = 0; i < words.length; i++) {
            double logprob = -random.nextDouble() * 0.5;
            sum += logprob;
            String token = (i == 0 ? "" : " ") + words[i];
            tokenLogprobs.add(round(logprob));
            tokenTexts.add(token);
            tokens.addObject().put("token_id", 1000 + Math.abs(token.hashCode() % 50_000)).put("text", token)
                    .put("confidence", round(Math.exp(logprob)));
        }
        logprobs.put("avg_logprob", round(words.length == 0 ? 0 : sum / words.length));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
