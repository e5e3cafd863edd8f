package io.cameltogether.audio.realtime;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each session's deliveries in order, and the sessions side by side on a bounded pool: a slow route step for
 * one call holds up that call alone. Counts the deliveries not yet done, for a graceful stop.
 */
final class SessionOrderedDelivery {

    private static final CompletableFuture<Void> NOTHING_BEFORE = CompletableFuture.completedFuture(null);

    private final Executor pool;
    /** Each session's last delivery; the next one runs after it, whether it succeeded or not. */
    private final Map<String, CompletableFuture<Void>> lastOfSession = new ConcurrentHashMap<>();
    /** A session's first failed (or refused) delivery: its later audio is never reported delivered. */
    private final Map<String, Throwable> firstFailureOfSession = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();

    SessionOrderedDelivery(Executor pool) {
        this.pool = pool;
    }

    void submit(String sessionId, Runnable delivery) {
        pending.incrementAndGet();
        CompletableFuture<Void> next = lastOfSession.compute(sessionId, (id, last) ->
                (last == null ? NOTHING_BEFORE : last).handle((v, failure) -> null).thenRunAsync(delivery, pool));
        next.whenComplete((v, failure) -> {
            if (failure != null) {
                firstFailureOfSession.putIfAbsent(sessionId, failure);
            }
            pending.decrementAndGet();
            lastOfSession.remove(sessionId, next);
        });
    }

    /**
     * Completes once the session's deliveries submitted so far have run; fails if one of the session's deliveries
     * ever failed or could not run.
     */
    CompletableFuture<Void> delivered(String sessionId) {
        CompletableFuture<Void> last = lastOfSession.getOrDefault(sessionId, NOTHING_BEFORE);
        return last.handle((v, failure) -> {
            Throwable failed = firstFailureOfSession.get(sessionId);
            if (failed != null) {
                throw failed instanceof CompletionException c ? c : new CompletionException(failed);
            }
            return null;
        });
    }

    /** Forgets a closed session's failure, once the deliveries submitted before are done. */
    void forget(String sessionId) {
        submit(sessionId, () -> firstFailureOfSession.remove(sessionId));
    }

    int pending() {
        return pending.get();
    }
}
