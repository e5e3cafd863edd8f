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
 * Together's realtime wire format: the client events a session sends and the server events it reads, mapped by
 * Jackson (snake_case names, unknown fields ignored).
 */
final class RealtimeProtocol {

    static final String TRANSCRIPTION = "conversation.item.input_audio_transcription.";
    static final String COMPLETED = TRANSCRIPTION + "completed";
    static final String DELTA = TRANSCRIPTION + "delta";
    static final String FAILED = TRANSCRIPTION + "failed";
    /** Turn-taking events, sent by some models (Deepgram's). */
    static final Set<String> TURN_EVENTS = Set.of(TRANSCRIPTION + "start_of_turn", TRANSCRIPTION + "end_of_turn",
            TRANSCRIPTION + "eager_end_of_turn", TRANSCRIPTION + "turn_resumed");

    private RealtimeProtocol() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record ClientEvent(String type, String echoId) {
    }

    /**
     * A server event; every field but {@code type} is optional. Transcription events carry {@code transcript} (or
     * {@code delta}), and only perhaps {@code item_id}, {@code start} and {@code duration}.
     */
    record ServerEvent(String type, String transcript, String delta, String itemId, Double start, Double duration,
                       String echoId, JsonNode session, JsonNode error, String message, String eventType) {

        /** The text of a transcription event: some servers put a delta's text under transcript. */
        String text() {
            return delta != null && !COMPLETED.equals(type) ? delta : transcript == null ? "" : transcript;
        }

        /** Whether the event says which audio it covers. */
        boolean timed() {
            return start != null && duration != null;
        }

        String serverSessionId() {
            return session == null ? null : session.path("id").textValue();
        }

        /** The error's message: under error.message, or at the top level (the shape is not settled). */
        String errorMessage() {
            String nested = error == null ? null : error.path("message").textValue();
            return nested != null ? nested : message != null ? message : "unknown error";
        }

        String errorCode() {
            return error == null ? null : error.path("code").textValue();
        }

        String errorType() {
            return error == null ? null : error.path("type").textValue();
        }
    }

    /** The server event in this text frame, or null if it is not a JSON object. */
    static ServerEvent parse(String text) {
        try {
            return Json.MAPPER.readValue(text, ServerEvent.class);
        } catch (IOException notAnEvent) {
            return null;
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
