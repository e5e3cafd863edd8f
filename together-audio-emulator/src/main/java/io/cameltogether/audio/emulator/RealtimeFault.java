package io.cameltogether.audio.emulator;

import java.time.Duration;
import java.util.List;

/**
 * A failure the emulator injects into the next realtime connection (each new WebSocket takes one, in order):
 * refused handshakes, dropped sockets, 4503 closes, failed turns, fatal failures, a server gone silent, finals that
 * never come, and any event a broken or hostile server might send.
 * Enqueue with {@link TogetherAudioEmulator#enqueue(RealtimeFault...)}.
 */
public final class RealtimeFault {

    enum Kind { HANDSHAKE, NO_SESSION, DROP, DROP_AFTER_TIME, CLOSE, TURN_FAILED, FATAL, MUTE, WITHHOLD_FINALS,
        FINALS_CROSS_CLEAR, SEND }

    final Kind kind;
    final int afterAppends;
    final int code;
    final String errorCode;
    final Duration after;
    final List<String> events;

    private RealtimeFault(Kind kind, int afterAppends, int code, String errorCode, Duration after) {
        this(kind, afterAppends, code, errorCode, after, List.of());
    }

    private RealtimeFault(Kind kind, int afterAppends, int code, String errorCode, Duration after, List<String> events) {
        this.kind = kind;
        this.afterAppends = afterAppends;
        this.code = code;
        this.errorCode = errorCode;
        this.after = after;
        this.events = events;
    }

    /** Refuses the WebSocket handshake with this HTTP status (429, 503, ...). */
    public static RealtimeFault handshakeStatus(int status) {
        return new RealtimeFault(Kind.HANDSHAKE, 0, status, null, null);
    }

    /** Refuses the WebSocket handshake with this HTTP status and a {@code Retry-After} in whole seconds. */
    public static RealtimeFault handshakeStatus(int status, Duration retryAfter) {
        return new RealtimeFault(Kind.HANDSHAKE, 0, status, null, retryAfter);
    }

    /** Accepts the WebSocket but never sends session.created, as a stuck server would. */
    public static RealtimeFault noSessionCreated() {
        return new RealtimeFault(Kind.NO_SESSION, 0, 0, null, null);
    }

    /** Drops the TCP connection, without a close frame, once this many appends have arrived. */
    public static RealtimeFault dropAfterAppends(int appends) {
        return new RealtimeFault(Kind.DROP, appends, 0, null, null);
    }

    /** Drops the TCP connection this long after the session is created. */
    public static RealtimeFault dropAfter(Duration after) {
        return new RealtimeFault(Kind.DROP_AFTER_TIME, 0, 0, null, after);
    }

    /** Closes with this code (e.g. 4503 with reason no_healthy_workers) once this many appends have arrived. */
    public static RealtimeFault closeAfterAppends(int appends, int closeCode, String reason) {
        return new RealtimeFault(Kind.CLOSE, appends, closeCode, reason, null);
    }

    /** The first turn's transcription fails with a per-turn {@code failed} event; the session goes on. */
    public static RealtimeFault turnFailed(String errorCode) {
        return new RealtimeFault(Kind.TURN_FAILED, 0, 0, errorCode, null);
    }

    /** Sends a fatal {@code failed} event (no event_type) and closes, once this many appends have arrived. */
    public static RealtimeFault fatalAfterAppends(int appends, String errorCode) {
        return new RealtimeFault(Kind.FATAL, appends, 0, errorCode, null);
    }

    /** Stops answering anything once this many appends have arrived: a dead connection that stays open. */
    public static RealtimeFault muteAfterAppends(int appends) {
        return new RealtimeFault(Kind.MUTE, appends, 0, null, null);
    }

    /**
     * From this many appends on, turns show partial transcripts but their finals never come (a decode that hangs);
     * echoes are still answered, so the connection looks alive.
     */
    public static RealtimeFault withholdFinalsAfterAppends(int appends) {
        return new RealtimeFault(Kind.WITHHOLD_FINALS, appends, 0, null, null);
    }

    /**
     * Holds the finals of the turns it completes until the client has cleared its audio, and sends them after
     * answering the first echo that follows the clear: decodes of cleared audio that finish late reach the client
     * after it cleared, and after the server has acknowledged the clear.
     */
    public static RealtimeFault finalsCrossingAClear() {
        return new RealtimeFault(Kind.FINALS_CROSS_CLEAR, 0, 0, null, null);
    }

    /**
     * Sends these text frames, as they are, once this many appends have arrived: events of a broken or hostile
     * server. The session goes on as before.
     */
    public static RealtimeFault sendAfterAppends(int appends, String... events) {
        return new RealtimeFault(Kind.SEND, appends, 0, null, null, List.of(events));
    }

    @Override
    public String toString() {
        return "RealtimeFault[" + kind + "]";
    }
}
