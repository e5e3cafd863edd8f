package io.cameltogether.audio.client.realtime;

import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.MultiMap;
import io.vertx.core.http.UpgradeRejectedException;

import io.cameltogether.audio.client.Json;
import io.cameltogether.audio.client.transport.Network;
import io.cameltogether.audio.client.realtime.RealtimeProtocol.ServerEvent;

/**
 * What a realtime failure means for the session, as Together's own SDK reads the live server, which always closes
 * with 1000: a refused handshake is fatal for 401 and 403 only; a fatal {@code failed} frame (one without
 * {@code event_type}) says by its code, type and message whether the session ends, reconnects, fails over to
 * another model, or was closed for being idle; a {@code failed} frame with {@code event_type} is one failed turn.
 */
final class RealtimeFailures {

    enum Action {
        /** Nothing for the route: the session goes on. */
        IGNORE,
        /** One turn failed; the route hears of it and the session goes on. */
        REPORT,
        /** The connection is lost; reconnect (with backoff) and replay. */
        RECONNECT,
        /** This endpoint cannot serve the model: fail over to the next fallback model at once, or end. */
        FAIL_OVER,
        /** The server closed the idle connection: reconnect only when there is new audio. */
        IDLE,
        /** The session cannot go on. */
        END
    }

    record Failure(Action action, RealtimeException error) {
    }

    private static final Set<String> AUTH_CODES = Set.of("invalid_api_key", "missing_api_key");
    private static final Set<String> FATAL_CODES = Set.of("model_not_available", "model_not_accessible");
    private static final String NO_HEALTHY_UPSTREAM = "no_healthy_upstream";
    private static final String IDLE_TIMEOUT = "idle_timeout";
    /** Fatal conditions the server wraps in a generic error: only the message tells. */
    private static final Set<String> FATAL_MESSAGES = Set.of("unsupported format", "unsupported input sample rate",
            "invalid audio data format");
    /** The code of a fence's commit when the server had ended the turn already: nothing for the route. */
    private static final String COMMIT_EMPTY = "input_audio_buffer_commit_empty";
    /** The close code for a connection that ended without a close frame (RFC 6455). */
    static final int ABNORMAL_CLOSURE = 1006;

    private RealtimeFailures() {
    }

    /** A {@code ...transcription.failed} or {@code error} event. */
    static Failure ofEvent(String sessionId, ServerEvent event) {
        String code = event.errorCode();
        String message = event.message();
        if (RealtimeProtocol.FAILED.equals(event.type()) && event.eventType() != null) {
            return new Failure(Action.REPORT, RealtimeException.turnFailed(sessionId, message, code,
                    event.errorType()));
        }
        Action action = RealtimeProtocol.FAILED.equals(event.type()) ? classify(code, event.errorType(), message)
                : classifyError(code, event.errorType(), message);
        return new Failure(action, switch (action) {
            case END -> RealtimeException.sessionFailed(sessionId, message, code, event.errorType(), null);
            case REPORT, IGNORE -> RealtimeException.turnFailed(sessionId, message, code, event.errorType());
            default -> RealtimeException.connectionFailed(sessionId, message, code, null);
        });
    }

    /**
     * An {@code error} event is about one client event (a commit with nothing to commit, say) unless its code says
     * the key, the model or the endpoint is the problem, or it is the idle timeout.
     */
    private static Action classifyError(String code, String type, String message) {
        String lowerCode = code == null ? "" : code.toLowerCase(Locale.ROOT);
        Action asFatal = classify(code, type, message);
        if (AUTH_CODES.contains(lowerCode) || FATAL_CODES.contains(lowerCode) || asFatal == Action.FAIL_OVER
                || asFatal == Action.IDLE) {
            return asFatal;
        }
        return lowerCode.equals(COMMIT_EMPTY) ? Action.IGNORE : Action.REPORT;
    }

    /** The classification of a fatal frame's error, as the official SDK makes it. */
    private static Action classify(String code, String type, String message) {
        String lowerCode = code == null ? "" : code.toLowerCase(Locale.ROOT);
        if (AUTH_CODES.contains(lowerCode) || FATAL_CODES.contains(lowerCode)) {
            return Action.END;
        }
        if (lowerCode.equals(NO_HEALTHY_UPSTREAM)) {
            return Action.FAIL_OVER;
        }
        if (lowerCode.equals(IDLE_TIMEOUT)) {
            return Action.IDLE;
        }
        String lowerMessage = message.toLowerCase(Locale.ROOT);
        if (FATAL_MESSAGES.stream().anyMatch(lowerMessage::contains)) {
            return Action.END;
        }
        String errorType = type == null ? "" : type;
        if (lowerMessage.contains("timeout") && Set.of("service_unavailable_error", "request_timeout", "")
                .contains(errorType)) {
            return Action.IDLE; // the live server's idle timeout comes as a generic error saying Timeout
        }
        return errorType.equals("invalid_request_error") ? Action.END : Action.RECONNECT;
    }

    /** A closed socket (code null: no close frame). Whatever the code, reconnecting may help: the attempts bound it. */
    static RealtimeException ofClose(String sessionId, Short code, String reason) {
        int closeCode = code == null ? ABNORMAL_CLOSURE : code;
        return RealtimeException.connectionClosed(sessionId, "connection closed with " + closeCode
                + (code == null ? " (abnormal closure: no close frame)" : reason == null || reason.isEmpty() ? ""
                : " " + reason), reason, closeCode, false);
    }

    /** A connection that could not be opened: only a refused key (401, 403) is not worth retrying. */
    static RealtimeException ofConnect(String sessionId, String url, Throwable cause) {
        String untrusted = Network.untrustedServer(url, cause);
        if (untrusted != null) { // reconnecting cannot help
            return RealtimeException.sessionFailed(sessionId, untrusted, null, null, cause);
        }
        if (!(cause instanceof UpgradeRejectedException rejected)) {
            return RealtimeException.connectionFailed(sessionId, "cannot connect: " + cause.getMessage(), null, cause);
        }
        int status = rejected.getStatus();
        String code = null;
        String message = "handshake refused with HTTP " + status;
        try {
            JsonNode error = Json.MAPPER.readTree(rejected.getBody() == null ? "" : rejected.getBody().toString())
                    .path("error");
            code = error.path("code").isTextual() ? error.path("code").textValue() : null;
            message += error.path("message").isTextual() ? ": " + error.path("message").textValue() : "";
        } catch (Exception notJson) {
            // the status says enough
        }
        return status == 401 || status == 403
                ? RealtimeException.sessionFailed(sessionId, message, code, null, cause)
                : RealtimeException.connectionFailed(sessionId, message, code, cause);
    }

    /** A refused handshake's headers, whose Retry-After the reconnection honours; null otherwise. */
    static MultiMap answerHeaders(Throwable cause) {
        return cause instanceof UpgradeRejectedException rejected ? rejected.getHeaders() : null;
    }
}
