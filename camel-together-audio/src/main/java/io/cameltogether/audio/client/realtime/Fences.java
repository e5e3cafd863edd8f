package io.cameltogether.audio.client.realtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Points in a session's audio where the client commits the turn and then sends an echo. The server handles events
 * in order, so its echo.response says it has everything before the fence and has finished the turn there. A fence
 * settles, and the audio before it is covered, once its echo is answered, a turn that was showing partials at the
 * answer has had its final, and no final has come for the quiet time: then every transcript of the audio before
 * the fence has arrived. Partials that start after the answer are of later audio and do not hold the fence up, so
 * fences settle in the pauses of continuous speech. This needs no timing fields in the server's events. A server
 * that sends the {@code processed} watermark settles the fences behind it at once.
 *
 * <p>Fences settle in order. After a reconnect the unsettled ones are sent again at their place in the replay. A
 * fence the server leaves waiting (its echo unanswered, or its open turn never finished) is reported as stalled, so
 * that the session can act on it.
 */
final class Fences {

    static final class Fence {
        final long offset;
        final String echoId;
        final CompletableFuture<Void> written = new CompletableFuture<>();
        final CompletableFuture<Void> settled = new CompletableFuture<>();
        boolean sent;
        long sentAt;
        long answeredAt;
        /** A turn showed partials but no final yet when the echo was answered: its final is still due. */
        boolean turnOpenAtAnswer;
        /** Final transcripts emitted before the echo was answered: the ones after it may be of later audio. */
        int finalsBeforeAnswer;
        /** Its audio will get no further transcript: the fence is written and settled. */
        void settle() {
            written.complete(null);
            settled.complete(null);
        }

        /** How often the turn open at this fence has stalled (its final never came): on any connection. */
        int stalls;

        Fence(long offset, String echoId) {
            this.offset = offset;
            this.echoId = echoId;
        }
    }

    private final String sessionId;
    private final long quietNanos;
    private final ArrayDeque<Fence> pending = new ArrayDeque<>();
    private long lastFinalAt;
    private long lastPartialAt;
    /** When the session last began reading the server's events again: its quiet before then was the session's. */
    private long readingSince = Long.MIN_VALUE; // before any reading: nanoTime may be negative
    private int placed;

    Fences(String sessionId, long quietNanos) {
        this.sessionId = sessionId;
        this.quietNanos = quietNanos;
    }

    /** A fence at this offset (offsets never decrease); one already waiting at the same place is shared. */
    Fence place(long offset) {
        Fence last = pending.peekLast();
        if (last != null && last.offset == offset) {
            return last;
        }
        Fence fence = new Fence(offset, sessionId + "-fence-" + ++placed);
        pending.addLast(fence);
        return fence;
    }

    /** The first fence not yet sent on this connection at or before the offset, or null. */
    Fence nextDue(long upTo) {
        for (Fence fence : pending) {
            if (fence.offset > upTo) {
                return null;
            }
            if (!fence.sent) {
                return fence;
            }
        }
        return null;
    }

    /** @return whether the echo was one of ours */
    boolean answered(String echoId, long now, int finalsSoFar) {
        for (Fence fence : pending) {
            if (fence.echoId.equals(echoId) && fence.sent) {
                fence.answeredAt = now;
                fence.turnOpenAtAnswer = lastPartialAt > lastFinalAt;
                fence.finalsBeforeAnswer = finalsSoFar;
                return true;
            }
        }
        return false;
    }

    void finalArrived(long now) {
        lastFinalAt = now;
    }

    void partialArrived(long now) {
        lastPartialAt = now;
    }

    /** Whether a turn has shown partials and not had its final yet. */
    boolean turnOpen() {
        return lastPartialAt > lastFinalAt;
    }

    /**
     * The session reads the server's events again after holding them back: whatever came meanwhile is yet to be
     * read, so the quiet that settles a fence counts from now.
     */
    void readingResumed(long now) {
        readingSince = now;
    }

    /** Nanoseconds until the oldest fence may settle, or -1 while its echo or an open turn's final is awaited. */
    long nanosUntilSettle(long now) {
        Fence first = pending.peekFirst();
        if (first == null || first.answeredAt == 0 || awaitsOpenTurn(first)) {
            return -1;
        }
        return Math.max(0, Math.max(Math.max(first.answeredAt, lastFinalAt), readingSince) + quietNanos - now);
    }

    private boolean awaitsOpenTurn(Fence fence) {
        return fence.turnOpenAtAnswer && lastFinalAt < fence.answeredAt;
    }

    /** Removes and returns the oldest fence if it has settled by now, else null. */
    Fence settleNext(long now) {
        return nanosUntilSettle(now) == 0 ? pending.pollFirst() : null;
    }

    /** Whether a fence waits at or before this offset. */
    boolean hasFenceUpTo(long offset) {
        return !pending.isEmpty() && pending.peekFirst().offset <= offset;
    }

    /** Removes and returns the fences at or before a watermark: every decode before them is finished. */
    List<Fence> settleUpTo(long offset) {
        List<Fence> settled = new ArrayList<>();
        while (!pending.isEmpty() && pending.peekFirst().offset <= offset) {
            settled.add(pending.pollFirst());
        }
        return settled;
    }

    /**
     * The oldest fence, if the server has left it waiting longer than {@code bound}: its echo sent but not answered,
     * or answered while a turn was open that has had no final since, or (where only the watermark settles fences)
     * answered but never passed by the watermark.
     */
    Fence stalled(long now, long boundNanos, boolean settledByWatermarkOnly) {
        Fence first = pending.peekFirst();
        if (first == null || !first.sent) {
            return null;
        }
        // time while the session held the server's events back is not the server's
        boolean unanswered = first.answeredAt == 0 && now - Math.max(first.sentAt, readingSince) > boundNanos;
        boolean leftWaiting = first.answeredAt != 0 && (settledByWatermarkOnly || awaitsOpenTurn(first))
                && now - Math.max(first.answeredAt, readingSince) > boundNanos;
        return unanswered || leftWaiting ? first : null;
    }

    /** Removes the fences up to this one, whose turns will have no final: they are failed, not settled. */
    void abandonUpTo(Fence last, Throwable why) {
        while (!pending.isEmpty() && pending.peekFirst().offset <= last.offset) {
            Fence fence = pending.pollFirst();
            fence.written.complete(null);
            fence.settled.completeExceptionally(why);
        }
    }

    /** A new connection: every fence is sent again, and answered again, in its place. */
    void resend() {
        pending.forEach(f -> {
            f.sent = false;
            f.sentAt = 0;
            f.answeredAt = 0;
        });
    }

    /** The fence nearest the end, or null. */
    Fence last() {
        return pending.peekLast();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Cleared audio will get no transcript: its fences are done, and a turn it left open waits for nothing. */
    void settleAll() {
        pending.forEach(Fence::settle);
        pending.clear();
        lastFinalAt = Math.max(lastFinalAt, lastPartialAt);
    }

    void failAll(Throwable error) {
        pending.forEach(f -> {
            f.written.completeExceptionally(error);
            f.settled.completeExceptionally(error);
        });
        pending.clear();
    }
}
