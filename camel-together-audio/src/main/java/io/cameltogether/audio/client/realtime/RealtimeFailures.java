package io.cameltogether.audio.client.realtime;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.MultiMap;
import io.vertx.core.http.UpgradeRejectedException;

import io.cameltogether.audio.client.Json;
import io.cameltogether.audio.client.Network;
import io.cameltogether.audio.client.realtime.RealtimeProtocol.ServerEvent;

/** What a realtime failure means for the session: nothing, a turn to report, a reconnection, or the end. */
final class RealtimeFailures {

    enum Action { IGNORE, REPORT, RECONNECT, END }

    record Failure(Action action, RealtimeException error) {
    }

    private static final Set<String> RETRYABLE_CODES = Set.of("no_healthy_upstream", "no_healthy_workers");
    private static final Set<String> FATAL_CODES = Set.of("invalid_api_key", "model_not_available",
            "model_not_accessible");
    /** Codes that need no route's attention: the idle close, and a fence's commit with nothing new to commit. */
    private static final Set<String> QUIET_CODES = Set.of("idle_timeout", "input_audio_buffer_commit_empty");
    /** The close code for a connection that ended without a close frame (RFC 6455). */
    static final int ABNORMAL_CLOSURE = 1006;

    private RealtimeFailures() {
    }

    /** A {@code ...transcription.failed} or {@code error} event. */
    static Failure ofEvent(String sessionId, ServerEvent event) {
        String code = event.errorCode();
        String message = event.errorMessage();
        if (RealtimeProtocol.FAILED.equals(event.type())) {
            if (event.eventType() != null) { // one turn failed; the session goes on
                return new Failure(Action.REPORT, RealtimeException.turnFailed(sessionId, message, code,
                        event.errorType()));
            }
            return RETRYABLE_CODES.contains(code)
                    ? new Failure(Action.RECONNECT, RealtimeException.connectionFailed(sessionId, message, code, null))
                    : new Failure(Action.END, RealtimeException.sessionFailed(sessionId, message, code,
                    event.errorType(), null));
        }
        if (FATAL_CODES.contains(code)) {
            return new Failure(Action.END, RealtimeException.sessionFailed(sessionId, message, code, event.errorType(),
                    null));
        }
        return new Failure(QUIET_CODES.contains(code) ? Action.IGNORE : Action.REPORT,
                RealtimeException.turnFailed(sessionId, message, code, event.errorType()));
    }

    /** A closed socket (code null: no close frame); null for the clean close of a connection with nothing pending. */
    static RealtimeException ofClose(String sessionId, Short code, String reason) {
        int closeCode = code == null ? ABNORMAL_CLOSURE : code;
        boolean retryable = closeCode == 1000 || closeCode == 1001 || closeCode == ABNORMAL_CLOSURE
                || closeCode >= 1011 && closeCode <= 1014 || closeCode == 4503
                || reason != null && RETRYABLE_CODES.contains(reason);
        return RealtimeException.connectionClosed(sessionId, "connection closed with " + closeCode
                + (code == null ? " (abnormal closure: no close frame)" : reason == null || reason.isEmpty() ? ""
                : " " + reason), reason, closeCode, !retryable);
    }

    /** A connection that could not be opened: refused handshakes with 429 or 5xx are worth retrying. */
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
            code = error.path("code").asText(null);
            message += ": " + error.path("message").asText("");
        } catch (Exception notJson) {
            // the status says enough
        }
        return status == 429 || status >= 500
                ? RealtimeException.connectionFailed(sessionId, message, code, cause)
                : RealtimeException.sessionFailed(sessionId, message, code, null, cause);
    }

    /** A refused handshake's headers, whose Retry-After the reconnection honours; null otherwise. */
    static MultiMap answerHeaders(Throwable cause) {
        return cause instanceof UpgradeRejectedException rejected ? rejected.getHeaders() : null;
    }
}
