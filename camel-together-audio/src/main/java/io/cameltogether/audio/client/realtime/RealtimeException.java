package io.cameltogether.audio.client.realtime;

import io.cameltogether.audio.client.TogetherAudioException;

/**
 * A realtime failure: of one turn (the session goes on), or of the whole session (fatal: auth, model, format, or
 * reconnects exhausted). Carries the server's error code and type, and the close code when the socket closed.
 */
public class RealtimeException extends TogetherAudioException {

    private final String sessionId;
    private final String detail;
    private final String code;
    private final String type;
    private final int closeCode;
    private final boolean fatal;

    public RealtimeException(String sessionId, String message, String code, String type, int closeCode, boolean fatal,
                             Throwable cause) {
        super("realtime session '" + sessionId + "': " + message, cause);
        this.sessionId = sessionId;
        this.detail = message;
        this.code = code;
        this.type = type;
        this.closeCode = closeCode;
        this.fatal = fatal;
    }

    public String getSessionId() {
        return sessionId;
    }

    /** What went wrong, without the session's name. */
    public String getDetail() {
        return detail;
    }

    /** The server's error code, e.g. invalid_api_key, model_not_available, no_healthy_workers. */
    public String getCode() {
        return code;
    }

    public String getType() {
        return type;
    }

    /** The WebSocket close code, or 0. */
    public int getCloseCode() {
        return closeCode;
    }

    /** True when the session ended; false for a failed turn. */
    public boolean isFatal() {
        return fatal;
    }
}
