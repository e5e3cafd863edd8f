package io.cameltogether.audio.client.realtime;

/** Who ends a speech turn. */
public enum TurnDetectionMode {
    /** The server's voice activity detection. */
    SERVER_VAD,
    /** Only the client's commit. */
    NONE
}
