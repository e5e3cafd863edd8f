package io.cameltogether.audio.client.realtime;

import io.cameltogether.audio.client.TogetherAudioException;

/**
 * A realtime failure: of one turn or of one connection (the session goes on), or of the whole session (fatal: auth,
 * model, format, or reconnects exhausted). Carries the server's error code and type, and the close code when the
 * socket closed. Made by the named factories, which say which of these it is.
 */
public class RealtimeException extends TogetherAudioException {

    /** The error code of speech lost to a drop: reported to the route, the session goes on. */
    public static final String AUDIO_GAP = "audio_gap";
    /** The error code of a turn the server left open after its commit, past the stall bound. */
    public static final String TURN_STALLED = "turn_stalled";

    private final String sessionId;
    private final String detail;
    private final String code;
    private final String type;
    private final int closeCode;
    private final boolean fatal;

    private RealtimeException(String sessionId, String message, String code, String type, int closeCode,
                              boolean fatal, Throwable cause) {
        super("realtime session '" + sessionId + "': " + message, cause);
        this.sessionId = sessionId;
        this.detail = message;
        this.code = code;
        this.type = type;
        this.closeCode = closeCode;
        this.fatal = fatal;
    }

    /** The session has ended with this error. */
    public static RealtimeException sessionFailed(String sessionId, String message, String code, String type,
                                                  Throwable cause) {
        return new RealtimeException(sessionId, message, code, type, 0, true, cause);
    }

    /** A request to a session that has been closed (or is closing). */
    public static RealtimeException closed(String sessionId) {
        return sessionFailed(sessionId, "the session is closed", null, null, null);
    }

    /** A connection closed with this code; {@code fatal} when the code says that reconnecting cannot help. */
    public static RealtimeException connectionClosed(String sessionId, String message, String reason, int closeCode,
                                                     boolean fatal) {
        return new RealtimeException(sessionId, message, reason, null, closeCode, fatal, null);
    }

    /** A connection failed in a way a reconnection may cure: refused handshake, timeout, silent server. */
    public static RealtimeException connectionFailed(String sessionId, String message, String code,
                                                     Throwable cause) {
        return new RealtimeException(sessionId, message, code, null, 0, false, cause);
    }

    /** One turn failed, or the audio was refused: the session goes on. */
    public static RealtimeException turnFailed(String sessionId, String message, String code, String type) {
        return new RealtimeException(sessionId, message, code, type, 0, false, null);
    }

    /** Speech that could not be replayed after a drop: the session goes on without it. */
    public static RealtimeException audioGap(String sessionId, long lostMillis) {
        return new RealtimeException(sessionId, lostMillis + " ms of audio sent on the lost connection could not be "
                + "replayed: it had left the replay buffer (replayBufferDuration) before a transcript covered it",
                AUDIO_GAP, null, 0, false, null);
    }

    /** This failure as the end of the session, e.g. after the reconnections have run out. */
    RealtimeException asFatal(String message) {
        return new RealtimeException(sessionId, message, code, type, closeCode, true, this);
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

    /** True when the session ended; false for a failed turn or a connection the session recovers from. */
    public boolean isFatal() {
        return fatal;
    }
}
