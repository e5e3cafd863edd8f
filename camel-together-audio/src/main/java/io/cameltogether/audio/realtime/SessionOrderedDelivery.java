package io.cameltogether.audio.realtime;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.TogetherAudioException;

/**
 * Runs each session's deliveries in order, and the sessions side by side on a bounded pool: a slow route step for
 * one call holds up that call alone. A session has at most one task in the pool's queue, so the queue holds no more
 * than the sessions; a session whose deliveries pile up past {@link #BACKLOG} reports a backlog, and its session
 * stops reading the server's events until half of them are done. Counts the deliveries not yet done, for a graceful
 * stop.
 */
final class SessionOrderedDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(SessionOrderedDelivery.class);
    /** Deliveries a session may have waiting before it is held back. */
    static final int BACKLOG = 64;

    private final Executor pool;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();

    SessionOrderedDelivery(Executor pool) {
        this.pool = pool;
    }

    /** One session's deliveries. Guarded by its own monitor. */
    private final class Session implements Runnable {
        private final String id;
        private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
        /** Who waits for the deliveries up to a number to be done, by that number. */
        private final TreeMap<Long, CompletableFuture<Void>> deliveredUpTo = new TreeMap<>();
        private long submitted;
        private long done;
        private boolean scheduled;
        private boolean forgotten;
        private Throwable firstFailure;
        private CompletableFuture<Void> room;

        Session(String id) {
            this.id = id;
        }

        /** @return whether the session must be handed to the pool */
        synchronized boolean add(Runnable delivery) {
            waiting.add(delivery);
            submitted++;
            boolean schedule = !scheduled;
            scheduled = true;
            return schedule;
        }

        @Override
        public void run() {
            Runnable next;
            synchronized (this) {
                next = waiting.poll();
            }
            Throwable failure = null;
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            pending.decrementAndGet();
            if (finished(failure)) {
                schedule(this);
            }
        }

        /** @return whether more deliveries wait */
        private synchronized boolean finished(Throwable failure) {
            if (failure != null && firstFailure == null) {
                firstFailure = failure;
            }
            done++;
            while (!deliveredUpTo.isEmpty() && deliveredUpTo.firstKey() <= done) {
                complete(deliveredUpTo.pollFirstEntry().getValue());
            }
            if (room != null && waiting.size() <= BACKLOG / 2) {
                room.complete(null);
                room = null;
            }
            scheduled = !waiting.isEmpty();
            if (!scheduled && (forgotten || firstFailure == null)) {
                sessions.remove(id, this); // nothing to remember: a later delivery starts afresh
            }
            return scheduled;
        }

        synchronized CompletableFuture<Void> delivered() {
            CompletableFuture<Void> result = new CompletableFuture<>();
            if (done >= submitted) {
                complete(result);
            } else {
                deliveredUpTo.computeIfAbsent(submitted, n -> new CompletableFuture<>())
                        .whenComplete((v, e) -> complete(result));
            }
            return result;
        }

        private void complete(CompletableFuture<Void> result) {
            if (firstFailure != null) {
                result.completeExceptionally(firstFailure);
            } else {
                result.complete(null);
            }
        }

        synchronized CompletionStage<Void> backlog() {
            if (waiting.size() < BACKLOG) {
                return null;
            }
            room = room == null ? new CompletableFuture<>() : room;
            return room;
        }

        /** The pool refused the session, or stopped without running it: its deliveries cannot run. */
        synchronized void refused(Exception e) {
            TogetherAudioException error = new TogetherAudioException("the realtime consumer stopped before "
                    + waiting.size() + " transcript(s) or event(s) of session '" + id + "' could be routed", e);
            if (!waiting.isEmpty()) {
                LOG.warn("{}", error.getMessage());
            }
            pending.addAndGet(-waiting.size());
            done += waiting.size();
            waiting.clear();
            firstFailure = firstFailure == null ? error : firstFailure;
            deliveredUpTo.values().forEach(this::complete);
            deliveredUpTo.clear();
            scheduled = false;
            if (room != null) {
                room.complete(null); // the session reads its socket again, and its events meet the same end
                room = null;
            }
        }
    }

    void submit(String sessionId, Runnable delivery) {
        pending.incrementAndGet();
        while (true) {
            Session session = sessions.computeIfAbsent(sessionId, Session::new);
            boolean schedule;
            synchronized (session) {
                if (sessions.get(sessionId) != session) {
                    continue; // removed meanwhile, empty: add to its successor
                }
                schedule = session.add(delivery);
            }
            if (schedule) {
                schedule(session);
            }
            return;
        }
    }

    private void schedule(Session session) {
        try {
            pool.execute(session);
        } catch (RejectedExecutionException stopping) {
            session.refused(stopping);
        }
    }

    /**
     * Completes once the session's deliveries submitted so far have run; fails if one of the session's deliveries
     * ever failed or could not run.
     */
    CompletableFuture<Void> delivered(String sessionId) {
        Session session = sessions.get(sessionId);
        return session == null ? CompletableFuture.completedFuture(null) : session.delivered();
    }

    /** Null while the session's waiting deliveries are under the bound; else completes once half of them are done. */
    CompletionStage<Void> backlog(String sessionId) {
        Session session = sessions.get(sessionId);
        return session == null ? null : session.backlog();
    }

    /** Forgets a closed session's failure, once the deliveries submitted before are done. */
    void forget(String sessionId) {
        Session session = sessions.get(sessionId);
        if (session != null) {
            session.delivered().whenComplete((v, e) -> {
                synchronized (session) {
                    session.forgotten = true;
                    if (!session.scheduled) {
                        sessions.remove(sessionId, session);
                    }
                }
            });
        }
    }

    int pending() {
        return pending.get();
    }

    /**
     * The pool has stopped: deliveries it did not run fail, so that no session waits for them (its socket held back)
     * and no coverage completes without them.
     */
    void stopped() {
        RejectedExecutionException stopped = new RejectedExecutionException("the consumer has stopped");
        sessions.values().forEach(session -> {
            synchronized (session) {
                if (!session.waiting.isEmpty()) {
                    session.refused(stopped);
                }
            }
        });
    }
}
