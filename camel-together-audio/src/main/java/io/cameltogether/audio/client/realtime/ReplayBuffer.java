package io.cameltogether.audio.client.realtime;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * A session's audio that no final transcript covers yet, as ready-to-send append frames with their offsets in the
 * session's audio. After a reconnect all of it is sent again, so no speech is lost. Audio a live source appended
 * is dropped from the front once more than the bound has been sent, so memory stays bounded; audio appended under
 * flow control is pinned instead, and its sender waits until transcripts cover it ({@link #heldBytes()}).
 */
final class ReplayBuffer {

    static final class Chunk {
        final int length;
        final String frame;
        final boolean pinned;
        final CompletableFuture<Void> written = new CompletableFuture<>();
        long offset;
        boolean sent;

        /** @param pinned kept until covered, never dropped to bound the buffer (its sender waits instead) */
        Chunk(int length, String frame, boolean pinned) {
            this.length = length;
            this.frame = frame;
            this.pinned = pinned;
        }

        long end() {
            return offset + length;
        }
    }

    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private final long maxSentBytes;
    private long end;
    private long sentEnd;
    private long sentBytes;
    private long unsentBytes;
    private long droppedBytes;

    ReplayBuffer(long maxSentBytes) {
        this.maxSentBytes = maxSentBytes;
    }

    /** Places the chunk after the audio added before it. */
    Chunk add(Chunk chunk) {
        chunk.offset = end;
        end += chunk.length;
        unsentBytes += chunk.length;
        chunks.addLast(chunk);
        return chunk;
    }

    void markSent(Chunk chunk) {
        chunk.sent = true;
        sentEnd = Math.max(sentEnd, chunk.end());
        sentBytes += chunk.length;
        unsentBytes -= chunk.length;
        while (sentBytes > maxSentBytes && !chunks.isEmpty() && chunks.peekFirst().sent
                && !chunks.peekFirst().pinned) {
            Chunk dropped = chunks.removeFirst();
            sentBytes -= dropped.length;
            droppedBytes += dropped.length;
        }
    }

    /** Forgets audio a final transcript has covered. */
    void coverUpTo(long offset) {
        while (!chunks.isEmpty() && chunks.peekFirst().end() <= offset) {
            Chunk covered = chunks.removeFirst();
            if (covered.sent) {
                sentBytes -= covered.length;
            } else {
                unsentBytes -= covered.length; // cleared before it was sent: nothing is left to send
                covered.written.complete(null);
            }
        }
    }

    /** Everything is to be sent again on a new connection. */
    void markAllUnsent() {
        chunks.forEach(c -> c.sent = false);
        sentEnd = start();
        sentBytes = 0;
        unsentBytes = heldBytes();
    }

    Chunk firstUnsent() {
        for (Chunk c : chunks) {
            if (!c.sent) {
                return c;
            }
        }
        return null;
    }

    /** Audio appended but not yet on a socket: no connection yet, or a reconnect under way. */
    long unsentBytes() {
        return unsentBytes;
    }

    /** Audio no transcript covers yet, sent or not. */
    long heldBytes() {
        return end - start();
    }

    /** Offset of the oldest audio still held, where a new connection's audio starts. */
    long start() {
        return chunks.isEmpty() ? end : chunks.peekFirst().offset;
    }

    long end() {
        return end;
    }

    /** Where the audio sent on this connection ends: what the server can have heard. */
    long sentEnd() {
        return sentEnd;
    }

    /** Bytes of sent audio dropped because the buffer was full; a reconnect cannot replay them. */
    long droppedBytes() {
        return droppedBytes;
    }

    boolean isEmpty() {
        return chunks.isEmpty();
    }

    void failAll(Throwable error) {
        chunks.forEach(c -> c.written.completeExceptionally(error));
        chunks.clear();
        sentBytes = 0;
        unsentBytes = 0;
    }
}
