package io.cameltogether.audio.client.realtime;

/**
 * What happened to a session's connection, for routes that act on it: opened, reconnecting, reconnected (with the
 * audio replayed), an audio gap (speech that could not be replayed after a drop), closed. The official Python
 * client's SessionStarted, Reconnecting, Reconnected and BufferGap events are the model.
 *
 * @param detail  opened and reconnected: the server's session id, if it sent one; reconnecting: the cause;
 *                closed: why
 * @param millis  reconnecting: the wait before the attempt; reconnected: audio replayed; audio gap: audio lost
 * @param attempt reconnecting: which attempt of the run this is; otherwise 0
 */
public record SessionEvent(String sessionId, Type type, String detail, long millis, int attempt) {

    public enum Type {
        OPENED("session.opened"),
        RECONNECTING("session.reconnecting"),
        RECONNECTED("session.reconnected"),
        AUDIO_GAP("session.audio_gap"),
        CLOSED("session.closed");

        private final String eventType;

        Type(String eventType) {
            this.eventType = eventType;
        }

        /** The value of the consumer's CamelTogetherAudioEventType header. */
        public String eventType() {
            return eventType;
        }
    }

    static SessionEvent opened(String sessionId, String serverSessionId) {
        return new SessionEvent(sessionId, Type.OPENED, serverSessionId, 0, 0);
    }

    static SessionEvent reconnecting(String sessionId, int attempt, long delayMillis, String cause) {
        return new SessionEvent(sessionId, Type.RECONNECTING, cause, delayMillis, attempt);
    }

    static SessionEvent reconnected(String sessionId, String serverSessionId, long replayedMillis) {
        return new SessionEvent(sessionId, Type.RECONNECTED, serverSessionId, replayedMillis, 0);
    }

    static SessionEvent audioGap(String sessionId, long lostMillis) {
        return new SessionEvent(sessionId, Type.AUDIO_GAP, null, lostMillis, 0);
    }

    static SessionEvent closed(String sessionId, String reason) {
        return new SessionEvent(sessionId, Type.CLOSED, reason, 0, 0);
    }
}
