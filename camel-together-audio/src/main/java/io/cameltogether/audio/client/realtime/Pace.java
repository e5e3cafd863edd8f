package io.cameltogether.audio.client.realtime;

/** How fast a file or stream is fed into a session. */
public enum Pace {
    /** As it plays, as a live source would. */
    REALTIME,
    /** As fast as the session takes it, under flow control (see {@link RealtimeSession#appendCovered}). */
    FAST
}
