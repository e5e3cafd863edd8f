package io.cameltogether.audio.client;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns an error answer into a {@link TogetherAudioApiException}, whether its body is ErrorData, other JSON or HTML. */
public final class ApiErrors {

    static final int MAX_FIELD_CHARS = 1000;

    private ApiErrors() {
    }

    public static TogetherAudioApiException toException(int status, String reason, String body, String requestId) {
        JsonNode error = parseError(body);
        if (error != null) {
            return new TogetherAudioApiException(status, text(error, "type"), text(error, "code"),
                    text(error, "param"), text(error, "message"), requestId);
        }
        return new TogetherAudioApiException(status, null, null, null, fallbackMessage(status, reason, body),
                requestId);
    }

    /** {@code {"error":{...}}}, or a bare error object, or null when the body is not JSON (e.g. an edge HTML page). */
    private static JsonNode parseError(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            JsonNode error = root.path("error");
            if (error.isObject()) {
                return error;
            }
            if (error.isTextual()) {
                return Json.MAPPER.createObjectNode().put("message", error.asText());
            }
            return root.has("message") ? root : null;
        } catch (Exception notJson) {
            return null;
        }
    }

    private static String fallbackMessage(int status, String reason, String body) {
        if (status == 413) {
            return "Payload Too Large: the API refuses direct uploads over its cap";
        }
        String text = body == null ? "" : body.replaceAll("(?s)<[^>]*>", " ").replaceAll("\\s+", " ").trim();
        if (text.length() > 200) {
            text = text.substring(0, 200) + "...";
        }
        String prefix = reason == null || reason.isBlank() ? "" : reason;
        return text.isEmpty() ? prefix : (prefix.isEmpty() ? text : prefix + ": " + text);
    }

    /** A field of the error, cut to {@link #MAX_FIELD_CHARS}: the server's words end up in messages and logs. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText();
        return text.length() > MAX_FIELD_CHARS ? text.substring(0, MAX_FIELD_CHARS) + "..." : text;
    }
}
