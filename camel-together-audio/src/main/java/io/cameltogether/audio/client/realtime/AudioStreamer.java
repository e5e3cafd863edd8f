package io.cameltogether.audio.client.realtime;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Feeds audio into a session chunk by chunk, either at real-time pace (as a live source would) or as fast as the
 * session takes it. A few appends may be in flight at once; more wait, so a fast file cannot outrun the socket, nor
 * (under flow control, see {@link RealtimeSession#appendCovered}) the transcripts.
 */
public final class AudioStreamer {

    /** The next chunk of PCM in the session's format, of at most the given length, or null at the end. */
    @FunctionalInterface
    public interface ChunkSource {
        byte[] next(int millis) throws IOException;
    }

    private static final int IN_FLIGHT = 8;

    private AudioStreamer() {
    }

    /**
     * Streams everything the source gives; returns the milliseconds of audio sent.
     *
     * @param writeTimeout how long one append may wait for the socket or the transcripts (reconnects included)
     */
    public static long stream(ChunkSource source, RealtimeSession session, int chunkMillis, Pace pace,
                              Duration writeTimeout) throws Exception {
        int bytesPerMs = session.config().format().bytesPerSecond() / 1000;
        ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        long start = System.nanoTime();
        long sentMillis = 0;
        for (byte[] chunk = source.next(chunkMillis); chunk != null; chunk = source.next(chunkMillis)) {
            if (pace == Pace.REALTIME) {
                long due = start + TimeUnit.MILLISECONDS.toNanos(sentMillis);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            }
            inFlight.addLast(pace == Pace.REALTIME ? session.append(chunk) : session.appendCovered(chunk));
            sentMillis += chunk.length / bytesPerMs;
            if (inFlight.size() >= IN_FLIGHT) {
                inFlight.removeFirst().get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        for (CompletableFuture<Void> pending : inFlight) {
            pending.get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        return sentMillis;
    }
}
