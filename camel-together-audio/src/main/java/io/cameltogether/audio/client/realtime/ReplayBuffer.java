package io.cameltogether.audio.client.realtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * A session's audio that no final transcript covers yet, as ready-to-send append frames with their offsets in the
 * session's audio. After a reconnect all of it is sent again, so no speech is lost; audio already sent is dropped
 * from the front once the buffer holds more than its bound, so memory stays bounded.
 */
final class ReplayBuffer {

    static final class Chunk {
        final long offset;
        final int length;
        final String frame;
        final CompletableFuture<Void> written = new CompletableFuture<>();
        boolean sent;

        Chunk(long offset, int length, String frame) {
            this.offset = offset;
            this.length = length;
            this.frame = frame;
        }

        long end() {
            return offset + length;
        }
    }

    private static final String FRAME_START = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"";
    private static final String FRAME_END = "\"}";

    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private final long maxSentBytes;
    private long end;
    private long sentBytes;
    private long unsentBytes;
    private long droppedBytes;

    ReplayBuffer(long maxSentBytes) {
        this.maxSentBytes = maxSentBytes;
    }

    /** Builds the append frame here, on the caller's thread, so the event loop only writes it. */
    static String appendFrame(byte[] pcm, int from, int to) {
        ByteBuffer base64 = Base64.getEncoder().encode(ByteBuffer.wrap(pcm, from, to - from));
        return FRAME_START + StandardCharsets.ISO_8859_1.decode(base64) + FRAME_END;
    }

    Chunk add(int length, String frame) {
        Chunk chunk = new Chunk(end, length, frame);
        end += length;
        unsentBytes += length;
        chunks.addLast(chunk);
        return chunk;
    }

    void markSent(Chunk chunk) {
        chunk.sent = true;
        sentBytes += chunk.length;
        unsentBytes -= chunk.length;
        while (sentBytes > maxSentBytes && !chunks.isEmpty() && chunks.peekFirst().sent) {
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
            }
        }
    }

    /** Everything is to be sent again on a new connection. */
    void markAllUnsent() {
        chunks.forEach(c -> c.sent = false);
        sentBytes = 0;
        unsentBytes = end - start();
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

    /** Offset of the oldest audio still held, where a new connection's audio starts. */
    long start() {
        return chunks.isEmpty() ? end : chunks.peekFirst().offset;
    }

    long end() {
        return end;
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
