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

    /** Audio that may belong to a turn that failed, from where placed transcripts ended to what was sent then. */
    private record FailedAudio(long start, long end, RealtimeException error) {
    }

    private final ArrayDeque<Watch> watches = new ArrayDeque<>();
    private final ArrayDeque<FailedAudio> failed = new ArrayDeque<>();
    private final Executor afterThisEvent;
    private final Supplier<CompletableFuture<Void>> deliveredSoFar;

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

    /** A turn in this stretch of audio failed: a watch that overlaps it will fail instead of being covered. */
    void turnFailed(long start, long end, RealtimeException error) {
        failed.add(new FailedAudio(start, end, error));
    }

    void coveredTo(long offset) {
        List<CompletableFuture<Void>> covered = new ArrayList<>();
        while (!watches.isEmpty() && watches.peek().end() <= offset) {
            Watch reached = watches.poll();
            RealtimeException error = failed.stream().filter(f -> f.start() < reached.end() && reached.start() < f.end())
                    .map(FailedAudio::error).findFirst().orElse(null);
            if (error != null) {
                reached.covered().completeExceptionally(error);
            } else {
                covered.add(reached.covered());
            }
        }
        long stillWatched = watches.isEmpty() ? offset : watches.peek().start();
        failed.removeIf(f -> f.end() <= stillWatched);
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
