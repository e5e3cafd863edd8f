package io.cameltogether.audio.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces the requests of one API key to one model so that traffic stays steady at what the API admits: Together's
 * limits are dynamic, and it answers traffic above them with 429. Requests wait their turn in order and are let go
 * one interval apart, at
 * <ul>
 * <li>the server's own limit ({@code x-ratelimit-limit}, requests per second) when it sends one, times a share
 *     that each 429 cuts by a quarter (at most once a second) and each success regains by a hundredth;</li>
 * <li>without that header, a rate learnt the same way, starting from the successes of the second before the first
 *     429;</li>
 * <li>never more than the ceiling (maxRequestsPerSecond), when there is one.</li>
 * </ul>
 * A 429 also holds every waiting request for the interval the server suggests ({@code x-ratelimit-reset}, else
 * Retry-After). Until the server has said anything the rate is unbounded: the sending slots alone bound the first
 * burst. One pacer serves every endpoint of one key, model and ceiling; it is thread-safe, and lets requests go on
 * the thread that submitted or answered one, or on the scheduler's: {@link Turn#go()} must be quick.
 */
public final class RatePacer {

    /** One request waiting for its turn. */
    public interface Turn {

        /** A turn whose request has ended meanwhile (its endpoint stopped) is dropped and takes no interval. */
        boolean isCancelled();

        /** It is this request's turn: hand the attempt to its executor. */
        void go();

        /** The turn was dropped, being cancelled: give back what it holds. */
        void dropped();
    }

    static final double MIN_RATE = 0.1;
    private static final double CUT = 0.75;
    private static final double REGAIN = 0.01;
    private static final double MIN_SHARE = 0.01;
    private static final long SECOND = 1_000_000_000L;
    /** How long a 429 without any hint holds the waiting requests. */
    private static final long DEFAULT_HOLD_NANOS = 200_000_000L;

    private final double ceiling;
    private final boolean adaptive;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoClock;
    private final Deque<Turn> waiting = new ArrayDeque<>();
    private final long[] recentSuccesses = new long[256];
    private int successesKept;
    private int nextSuccess;
    private Double serverLimit;
    private double share = 1;
    private double learntRate = Double.POSITIVE_INFINITY;
    private long nextFreeNanos;
    private long heldUntilNanos;
    private long lastCutNanos;
    private boolean cut;
    private boolean schedulerStopped;
    private ScheduledFuture<?> wakeUp;
    private long wakeUpAtNanos;

    /**
     * @param ceiling   requests per second never exceeded; {@link Double#POSITIVE_INFINITY} for none
     * @param adaptive  whether to follow the server's limit and its 429s; without, only the ceiling paces
     * @param scheduler wakes the pacer when the next turn is due
     */
    public RatePacer(double ceiling, boolean adaptive, ScheduledExecutorService scheduler, LongSupplier nanoClock) {
        this.ceiling = ceiling;
        this.adaptive = adaptive;
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        this.nextFreeNanos = nanoClock.getAsLong();
        this.heldUntilNanos = nextFreeNanos;
    }

    /**
     * Queues a request for its turn, which may come at once, on this thread.
     *
     * @param ahead before the requests already waiting: a retry, which has waited longer than they have
     */
    public void submit(Turn turn, boolean ahead) {
        List<Turn> due;
        synchronized (this) {
            if (ahead) {
                waiting.addFirst(turn);
            } else {
                waiting.addLast(turn);
            }
            due = dueTurns();
        }
        release(due);
    }

    /**
     * A success: learn the server's limit, and regain some of the rate a 429 cut; a rate learnt without the
     * server's limit grows no further than twice the successes of the last second, which is all it was ever shown.
     */
    public void answered(RateLimits limits) {
        List<Turn> due;
        synchronized (this) {
            adopt(limits);
            long now = nanoClock.getAsLong();
            recentSuccesses[nextSuccess] = now;
            nextSuccess = (nextSuccess + 1) % recentSuccesses.length;
            successesKept = Math.min(successesKept + 1, recentSuccesses.length);
            share = Math.min(1, share + REGAIN);
            if (!Double.isInfinite(learntRate)) {
                double grown = Math.min(learntRate * (1 + REGAIN), 2.0 * successesInLastSecond(now));
                learntRate = Math.max(learntRate, grown);
            }
            due = dueTurns();
        }
        release(due);
    }

    /** Any other answer (a 4xx, a 5xx): its limit headers still tell the server's limit. */
    public void observed(RateLimits limits) {
        List<Turn> due;
        synchronized (this) {
            adopt(limits);
            due = dueTurns();
        }
        release(due);
    }

    /**
     * A 429: slow down, and hold every waiting request for the server's suggested interval.
     *
     * @param retryAfter the answer's Retry-After, or null; {@code x-ratelimit-reset} wins over it
     */
    public void throttled(RateLimits limits, Duration retryAfter) {
        synchronized (this) {
            adopt(limits);
            if (!adaptive) {
                return;
            }
            long now = nanoClock.getAsLong();
            if (!cut || now - lastCutNanos >= SECOND) {
                // the 429s of one burst arrive together: they are one signal, not a cut each
                cut = true;
                lastCutNanos = now;
                share = Math.max(MIN_SHARE, share * CUT);
                if (!Double.isInfinite(learntRate)) {
                    learntRate = Math.max(MIN_RATE, learntRate * CUT);
                } else if (successesInLastSecond(now) > 0) {
                    learntRate = Math.max(MIN_RATE, successesInLastSecond(now) * CUT);
                }
            }
            Double reset = limits.resetSeconds();
            long hold = reset != null ? (long) (reset * SECOND)
                    : retryAfter != null ? retryAfter.toNanos() : DEFAULT_HOLD_NANOS;
            heldUntilNanos = Math.max(heldUntilNanos, now + hold);
        }
    }

    /** The requests per second let go now; infinite while nothing bounds them. */
    public synchronized double rate() {
        double learnt = !adaptive ? Double.POSITIVE_INFINITY : serverLimit != null ? serverLimit * share : learntRate;
        return Math.min(ceiling, Math.max(MIN_RATE, learnt));
    }

    private void adopt(RateLimits limits) {
        Double limit = limits.requestLimit();
        if (limit != null) {
            serverLimit = limit;
        }
    }

    private int successesInLastSecond(long now) {
        int count = 0;
        for (int i = 0; i < successesKept; i++) {
            if (now - recentSuccesses[i] < SECOND) {
                count++;
            }
        }
        return count;
    }

    /** Takes the turns that are due off the queue, and sets the wake-up for the next one. */
    private List<Turn> dueTurns() {
        long now = nanoClock.getAsLong();
        List<Turn> due = new ArrayList<>(1);
        while (!waiting.isEmpty()) {
            if (waiting.peekFirst().isCancelled()) {
                due.add(waiting.pollFirst());
                continue;
            }
            long at = Math.max(nextFreeNanos, heldUntilNanos);
            if (at > now && !schedulerStopped && wakeAt(at, now)) {
                break;
            }
            due.add(waiting.pollFirst());
            double rate = rate();
            long interval = Double.isInfinite(rate) ? 0 : (long) (SECOND / rate);
            // a wake-up a little late keeps the pace; one after an idle spell does not bank turns for a burst
            nextFreeNanos = (now - nextFreeNanos < interval ? nextFreeNanos : now) + interval;
        }
        return due;
    }

    /** Makes sure the pacer wakes by {@code at}; false when the scheduler is stopping and never will. */
    private boolean wakeAt(long at, long now) {
        if (wakeUp != null && !wakeUp.isDone() && wakeUpAtNanos <= at) {
            return true;
        }
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        try {
            wakeUpAtNanos = at;
            wakeUp = scheduler.schedule(this::wake, at - now, TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException stopping) {
            // the component is stopping: let every request go, for its own stopped executor to refuse
            schedulerStopped = true;
            wakeUp = null;
            return false;
        }
    }

    private void wake() {
        List<Turn> due;
        synchronized (this) {
            wakeUp = null;
            due = dueTurns();
        }
        release(due);
    }

    /** Outside the lock: a turn's go or dropped may submit again. */
    private static void release(List<Turn> turns) {
        for (Turn turn : turns) {
            if (turn.isCancelled()) {
                turn.dropped();
            } else {
                turn.go();
            }
        }
    }
}
