package io.cameltogether.audio.client.realtime;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import io.cameltogether.audio.client.Json;

/**
 * Together's realtime wire format: the client events a session sends, and the server events it reads. Every field a
 * server sends is optional and checked here: a value of the wrong type, negative or not finite is taken as absent
 * and counted ({@link ServerEvent#ignoredValues()}), so that nothing a broken server sends can steer the session.
 */
final class RealtimeProtocol {

    static final String TRANSCRIPTION = "conversation.item.input_audio_transcription.";
    static final String COMPLETED = TRANSCRIPTION + "completed";
    static final String DELTA = TRANSCRIPTION + "delta";
    static final String FAILED = TRANSCRIPTION + "failed";
    static final String PROCESSED = "input_audio_buffer.processed";
    /** Turn-taking events, sent by some models (Deepgram's). */
    static final Set<String> TURN_EVENTS = Set.of(TRANSCRIPTION + "start_of_turn", TRANSCRIPTION + "end_of_turn",
            TRANSCRIPTION + "eager_end_of_turn", TRANSCRIPTION + "turn_resumed");
    /** Longer ids are not ids: they are ignored rather than kept. */
    private static final int MAX_ID_LENGTH = 256;
    /** Token confidences averaged per event, at most; a final of more tokens is averaged over its first ones. */
    private static final int MAX_TOKENS = 10_000;

    private RealtimeProtocol() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record ClientEvent(String type, String echoId) {
    }

    /**
     * A server event, its fields checked.
     *
     * @param text               a transcription or turn event's text ({@code delta}, else {@code transcript}); empty
     *                           if none
     * @param start              {@code start}, seconds on the server's consumed-speech clock: informational only
     * @param duration           {@code duration}, likewise
     * @param processedMs        {@code processed_ms} of input_audio_buffer.processed: on the appended-audio timeline
     * @param avgLogprob         {@code logprobs.avg_logprob}
     * @param confidence         the mean of {@code tokens[].confidence}
     * @param ignoredValues      values present but not usable (wrong type, negative, not finite, out of range)
     */
    record ServerEvent(String type, String text, String itemId, Double start, Double duration, Double processedMs,
                       String echoId, String serverSessionId, String errorCode, String errorType, String errorMessage,
                       String eventType, Double avgLogprob, Double confidence, Double endOfTurnConfidence,
                       int ignoredValues) {

        /** The error's message, from either shape the server uses; never null. */
        String message() {
            return errorMessage == null ? "unknown error (the server sent no message)" : errorMessage;
        }
    }

    /** The server event in this text frame, or null if it is not a JSON object. */
    static ServerEvent parse(String text) {
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(text);
        } catch (IOException notJson) {
            return null;
        }
        if (event == null || !event.isObject()) {
            return null;
        }
        Values values = new Values();
        String type = values.text(event.get("type"), Integer.MAX_VALUE);
        JsonNode error = event.path("error");
        String delta = DELTA.equals(type) ? values.text(event.get("delta"), Integer.MAX_VALUE) : null;
        String transcript = values.text(event.get("transcript"), Integer.MAX_VALUE);
        return new ServerEvent(type, delta != null ? delta : transcript == null ? "" : transcript,
                values.text(event.get("item_id"), MAX_ID_LENGTH), values.number(event.get("start"), 0, Double.MAX_VALUE),
                values.number(event.get("duration"), 0, Double.MAX_VALUE),
                values.number(event.get("processed_ms"), 0, Double.MAX_VALUE),
                values.text(event.get("echo_id"), MAX_ID_LENGTH),
                values.text(event.path("session").get("id"), MAX_ID_LENGTH),
                first(values.text(error.get("code"), MAX_ID_LENGTH), values.text(event.get("code"), MAX_ID_LENGTH)),
                values.text(error.get("type"), MAX_ID_LENGTH),
                first(values.text(error.get("message"), Integer.MAX_VALUE),
                        values.text(event.get("message"), Integer.MAX_VALUE)),
                values.text(event.get("event_type"), MAX_ID_LENGTH),
                values.number(event.path("logprobs").get("avg_logprob"), -Double.MAX_VALUE, 0),
                values.meanConfidence(event.get("tokens")),
                values.number(event.get("end_of_turn_confidence"), 0, 1), values.ignored);
    }

    private static String first(String preferred, String otherwise) {
        return preferred != null ? preferred : otherwise;
    }

    /** Reads optional values, counting those present but unusable. */
    private static final class Values {
        int ignored;

        String text(JsonNode node, int maxLength) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (node.isTextual() && node.textValue().length() <= maxLength) {
                return node.textValue();
            }
            if (node.isNumber() && maxLength == MAX_ID_LENGTH) {
                return node.asText(); // an id sent as a number is still an id
            }
            ignored++;
            return null;
        }

        Double number(JsonNode node, double min, double max) {
            if (node == null || node.isNull()) {
                return null;
            }
            double value = node.isNumber() ? node.doubleValue() : Double.NaN;
            if (Double.isFinite(value) && value >= min && value <= max) {
                return value;
            }
            ignored++;
            return null;
        }

        Double meanConfidence(JsonNode tokens) {
            if (tokens == null || tokens.isNull()) {
                return null;
            }
            if (!tokens.isArray()) {
                ignored++;
                return null;
            }
            double sum = 0;
            int counted = 0;
            for (int i = 0; i < Math.min(tokens.size(), MAX_TOKENS); i++) {
                Double confidence = number(tokens.get(i).get("confidence"), 0, 1);
                if (confidence != null) {
                    sum += confidence;
                    counted++;
                }
            }
            return counted == 0 ? null : sum / counted;
        }
    }

    /** An append of the PCM between {@code from} and {@code to}, base64-encoded by Jackson straight from the array. */
    static String append(byte[] pcm, int from, int to) {
        StringWriter frame = new StringWriter((to - from) * 4 / 3 + 64);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(frame)) {
            json.writeStartObject();
            json.writeStringField("type", "input_audio_buffer.append");
            json.writeFieldName("audio");
            json.writeBinary(pcm, from, to - from);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return frame.toString();
    }

    static String commit() {
        return write(new ClientEvent("input_audio_buffer.commit", null));
    }

    static String clear() {
        return write(new ClientEvent("input_audio_buffer.clear", null));
    }

    /** A probe the server answers with echo.response once it has handled everything sent before it. */
    static String echo(String echoId) {
        return write(new ClientEvent("echo", echoId));
    }

    private static String write(ClientEvent event) {
        try {
            return Json.MAPPER.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
