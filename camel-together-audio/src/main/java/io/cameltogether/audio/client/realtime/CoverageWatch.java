package io.cameltogether.audio.client.realtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Tells callers when their audio is covered: every byte of the session up to the end of their append is either
 * transcribed in a final transcript the listener has delivered, or known to hold no speech. A caller that keeps
 * the audio elsewhere (a Kafka offset, a file position) may then let it go. Audio that will have no transcript (a
 * failed turn, audio lost in a drop, cleared audio) fails its watch instead. Used on the session's context only;
 * watched appends arrive in order.
 */
final class CoverageWatch {

    private record Watch(long start, long end, CompletableFuture<Void> covered) {
    }

    private final ArrayDeque<Watch> watches = new ArrayDeque<>();
    private final Executor afterThisEvent;
    private final Supplier<CompletableFuture<Void>> deliveredSoFar;
    /** A turn failed since the last coverage: the audio the next coverage reaches has no transcript. */
    private RealtimeException failedTurn;

    /**
     * @param afterThisEvent runs a task on the session's context once the current event is handled, when the final
     *                       transcript that brought the coverage has been handed to the listener
     * @param deliveredSoFar completes once what the listener was handed so far is delivered; fails if a delivery
     *                       failed
     */
    CoverageWatch(Executor afterThisEvent, Supplier<CompletableFuture<Void>> deliveredSoFar) {
        this.afterThisEvent = afterThisEvent;
        this.deliveredSoFar = deliveredSoFar;
    }

    void watch(long start, long end, CompletableFuture<Void> covered) {
        watches.add(new Watch(start, end, covered));
    }

    void turnFailed(RealtimeException error) {
        failedTurn = error;
    }

    void coveredTo(long offset) {
        List<CompletableFuture<Void>> covered = new ArrayList<>();
        while (!watches.isEmpty() && watches.peek().end() <= offset) {
            covered.add(watches.poll().covered());
        }
        if (failedTurn != null) {
            RealtimeException error = failedTurn;
            failedTurn = null;
            covered.forEach(c -> c.completeExceptionally(error));
            return;
        }
        if (!covered.isEmpty()) {
            afterThisEvent.execute(() -> deliveredSoFar.get().whenComplete((v, failure) -> covered.forEach(c -> {
                if (failure == null) {
                    c.complete(null);
                } else {
                    c.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                }
            })));
        }
    }

    /** Audio before this offset will never be covered: it was let go before a transcript covered it. */
    void lostBefore(long offset, RealtimeException error) {
        while (!watches.isEmpty() && watches.peek().start() < offset) {
            watches.poll().covered().completeExceptionally(error);
        }
    }

    void failAll(RealtimeException error) {
        watches.forEach(w -> w.covered().completeExceptionally(error));
        watches.clear();
    }
}
