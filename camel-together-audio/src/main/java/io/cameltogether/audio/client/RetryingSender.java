package io.cameltogether.audio.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

import javax.net.ssl.SSLHandshakeException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.request.BatchRequest;
import io.cameltogether.audio.client.result.BatchResponse;
import io.cameltogether.audio.client.transport.Network;

/**
 * Sends one request until it succeeds or fails for good. Each attempt takes one of the endpoint's
 * {@link SendingSlots}, waits for its turn at the model's {@link RatePacer}, and runs on the sending executor (the
 * first one on the caller's thread, if asked). A 429 is the API saying "slower": the pacer slows every request
 * down and this one waits its turn again, for up to maxRateLimitWait, without using up a retry. Other transient
 * failures (5xx, 408, 409, no answer, an answer cut off) are retried up to maxRetries times after
 * {@link RetryPolicy}'s backoff, or the delay the server asked for, on the scheduler. A one-shot stream already
 * partly read is never sent again; an answer that came whole is never asked for again. Whatever an attempt throws
 * ends its request, and once closed no request is left waiting: none hangs.
 */
final class RetryingSender {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingSender.class);
    /** Marks the threads that run this sender's attempts, so that a send from one of them never waits for room. */
    private static final ThreadLocal<RetryingSender> OWN_THREAD = new ThreadLocal<>();

    /** One attempt, as {@link BatchAttempt#run} makes it. */
    interface Attempt {
        BatchAttempt.Outcome run(BatchRequest request);
    }

    private final ClientSettings settings;
    private final Attempt attempt;
    private final Function<BatchRequest, URI> urls;
    private final ScheduledExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoClock;
    private final Function<String, RatePacer> pacers;
    private final AudioMetrics metrics;
    private final RetryPolicy retryPolicy;
    private final SendingSlots slots;
    private final Set<Job> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param executor  runs the attempts, which block: as many threads as sending slots
     * @param scheduler times the retries; with {@code nanoClock}, the time this sender goes by
     * @param pacers    the pacer of each model
     */
    RetryingSender(ClientSettings settings, Attempt attempt, Function<BatchRequest, URI> urls,
                   ScheduledExecutorService executor, ScheduledExecutorService scheduler, LongSupplier nanoClock,
                   Function<String, RatePacer> pacers, AudioMetrics metrics) {
        this.settings = settings;
        this.attempt = attempt;
        this.urls = urls;
        this.executor = executor;
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        this.pacers = pacers;
        this.metrics = metrics;
        this.retryPolicy = new RetryPolicy(settings.retryDelay());
        this.slots = new SendingSlots(settings.maxConcurrentRequests());
    }

    /** Whether the calling thread is one of this sender's own, which must never wait for room. */
    boolean isOwnThread() {
        return OWN_THREAD.get() == this;
    }

    /**
     * @param onCallingThread make the first attempt on this thread, which waits for its slot and its turn
     */
    CompletableFuture<BatchResponse> send(BatchRequest request, boolean onCallingThread) {
        Job job = new Job(request, pacers.apply(request.options().model()));
        pending.add(job);
        job.result.whenComplete((response, failure) -> pending.remove(job));
        if (closed) {
            job.result.completeExceptionally(stopping(request, "is not sent"));
        } else if (onCallingThread) {
            CallingThreadTurn turn = new CallingThreadTurn(job);
            job.result.whenComplete((response, failure) -> turn.wake());
            slots.enqueue(turn, false);
            if (turn.await()) {
                run(job);
            }
        } else {
            slots.enqueue(job, false);
        }
        return job.result;
    }

    /**
     * Hands the attempt to the executor. After close, a Camel executor may drop what it is given without a word
     * (its caller-runs policy discards once shut down), so nothing is given to it then.
     */
    private void runOnExecutor(Job job) {
        if (closed) {
            job.result.completeExceptionally(stopping(job.request, "is not sent"));
            slots.release();
            return;
        }
        try {
            executor.execute(() -> {
                OWN_THREAD.set(this);
                run(job);
            });
        } catch (RejectedExecutionException e) {
            job.result.completeExceptionally(stopping(job.request, "is not sent"));
            slots.release();
        }
    }

    /**
     * One attempt in the slot the job holds, given back before the outcome is told to anyone; whatever the attempt
     * throws, an OutOfMemoryError included, ends the request with it.
     */
    private void run(Job job) {
        BatchAttempt.Outcome outcome = null;
        job.inFlight = true; // before looking at closed, which close() sets before it looks at inFlight
        try {
            if (closed) {
                job.result.completeExceptionally(stopping(job.request, "is not sent"));
            } else if (!job.result.isDone()) {
                outcome = attempt.run(job.request);
            }
        } catch (Throwable failure) {
            job.result.completeExceptionally(failure);
        } finally {
            job.inFlight = false;
            slots.release();
        }
        if (outcome != null) {
            try {
                conclude(job, outcome);
            } catch (Throwable failure) {
                job.result.completeExceptionally(failure);
            }
        }
    }

    private void conclude(Job job, BatchAttempt.Outcome outcome) {
        Exception failure = outcome.failure();
        boolean rateLimited = failure instanceof TogetherAudioApiException api && api.getStatus() == 429;
        if (outcome.response() != null) {
            job.result.complete(outcome.response());
            job.pacer.answered(outcome.rateLimits());
            return;
        }
        if (rateLimited) {
            job.pacer.throttled(outcome.rateLimits(), outcome.retryAfter());
        } else {
            job.pacer.observed(outcome.rateLimits());
        }
        BatchRequest request = job.request;
        if (!isTransient(failure)) {
            job.result.completeExceptionally(finalFailure(request, failure));
        } else if (outcome.uploadStarted() && !request.audio().isRepeatable()) {
            job.result.completeExceptionally(new TogetherAudioException("upload of '" + request.audio().describe()
                    + "' failed and was not retried: its InputStream body was already partly sent and cannot be "
                    + "read again. Enable stream caching so a failed upload can be re-sent. Cause: "
                    + failure.getMessage(), failure));
        } else if (closed) {
            job.result.completeExceptionally(stopping(request, "failed (" + failure.getMessage()
                    + ") and is not sent again"));
        } else if (rateLimited) {
            waitTurnAgain(job, (TogetherAudioApiException) failure);
        } else if (job.retries >= settings.maxRetries()) {
            job.result.completeExceptionally(finalFailure(request, failure));
        } else {
            retryLater(job, outcome, failure);
        }
    }

    /** Rate-limited: back in line, ahead of those that came later, for as long as maxRateLimitWait allows. */
    private void waitTurnAgain(Job job, TogetherAudioApiException limited) {
        long now = nanoClock.getAsLong();
        if (job.throttledSinceNanos == Long.MIN_VALUE) {
            job.throttledSinceNanos = now;
        }
        Duration waited = Duration.ofNanos(now - job.throttledSinceNanos);
        if (waited.compareTo(settings.maxRateLimitWait()) >= 0) {
            job.result.completeExceptionally(limited.withHint("The API kept answering 429 for " + waited.toSeconds()
                    + " s, as long as maxRateLimitWait (" + settings.maxRateLimitWait().toSeconds() + " s) allows: "
                    + "lower the traffic (maxRequestsPerSecond, maxConcurrentRequests) or raise maxRateLimitWait"));
            return;
        }
        metrics.requestRetried(job.request.task().taskName(), 429);
        LOG.debug("{} of '{}' was rate limited; it waits its turn again", job.request.task().taskName(),
                job.request.audio().describe());
        slots.enqueue(job, true);
    }

    private void retryLater(Job job, BatchAttempt.Outcome outcome, Exception failure) {
        job.retries++;
        Duration delay = retryPolicy.delay(job.retries, outcome.retryAfter());
        metrics.requestRetried(job.request.task().taskName(), outcome.status());
        LOG.warn("{} of '{}' failed ({}); retry {} of {} in {} ms", job.request.task().taskName(),
                job.request.audio().describe(), failure.getMessage(), job.retries, settings.maxRetries(),
                delay.toMillis());
        try {
            scheduler.schedule(() -> {
                if (closed) {
                    job.result.completeExceptionally(stopping(job.request, "was waiting for a retry, and is not "
                            + "sent again"));
                } else {
                    slots.enqueue(job, true);
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            job.result.completeExceptionally(stopping(job.request, "was waiting for a retry, and is not sent again"));
        }
    }

    private static boolean isTransient(Exception failure) {
        return failure instanceof IOException && !(failure instanceof SSLHandshakeException)
                || failure instanceof TogetherAudioApiException api && api.isRetryable();
    }

    /** The last attempt's failure; an I/O one said as the user sees it: no answer in time, a cut answer, no way. */
    private Exception finalFailure(BatchRequest request, Exception failure) {
        if (!(failure instanceof IOException cause)) {
            return failure;
        }
        String what = request.task().taskName() + " of '" + request.audio().describe() + "' failed: ";
        URI url = urls.apply(request);
        if (cause instanceof BatchAttempt.AnswerCutOffException cut) {
            return new TogetherAudioException(what + "the API's answer (HTTP " + cut.status + ") was cut off: "
                    + cause.getMessage(), cause);
        }
        String untrusted = Network.untrustedServer(url.toString(), cause);
        if (untrusted != null) {
            return new TogetherAudioException(what + untrusted, cause);
        }
        if (cause instanceof SocketTimeoutException) {
            return new TogetherAudioException(what + "no answer from " + url + " within requestTimeout ("
                    + settings.requestTimeout().toMillis() + " ms): " + cause, cause);
        }
        return new TogetherAudioException(what + "cannot reach " + url + ": " + cause, cause);
    }

    private static TogetherAudioException stopping(BatchRequest request, String what) {
        return new TogetherAudioException("the Together audio client is stopping: '" + request.audio().describe()
                + "' " + what);
    }

    /**
     * Stops: every request waiting for a slot, its turn or a retry fails at once with a "stopping" error; one in an
     * attempt ends when the attempt does, without a retry.
     */
    void close() {
        closed = true;
        for (Job job : pending) {
            if (!job.inFlight) {
                job.result.completeExceptionally(stopping(job.request,
                        "was waiting for its turn or for a retry, and is not sent"));
            }
        }
    }

    /** A request and where it stands. */
    private final class Job implements SendingSlots.Turn {
        final BatchRequest request;
        final RatePacer pacer;
        final CompletableFuture<BatchResponse> result = new CompletableFuture<>();
        int retries;
        long throttledSinceNanos = Long.MIN_VALUE;
        volatile boolean inFlight;

        Job(BatchRequest request, RatePacer pacer) {
            this.request = request;
            this.pacer = pacer;
        }

        @Override
        public RatePacer pacer() {
            return pacer;
        }

        @Override
        public boolean isCancelled() {
            return result.isDone();
        }

        @Override
        public void go() {
            runOnExecutor(this);
        }

        @Override
        public void dropped() {
            slots.release();
        }
    }

    /**
     * The first attempt of a request sent on the caller's thread, which waits for its slot and turn. If it stops
     * waiting (interrupted, or the request ended), the turn is abandoned, and its slot given back whenever it comes.
     */
    private final class CallingThreadTurn implements SendingSlots.Turn {
        final Job job;
        private boolean released;
        private boolean abandoned;

        CallingThreadTurn(Job job) {
            this.job = job;
        }

        @Override
        public RatePacer pacer() {
            return job.pacer;
        }

        @Override
        public boolean isCancelled() {
            return job.result.isDone();
        }

        @Override
        public synchronized void go() {
            released = true;
            if (abandoned) {
                slots.release();
            }
            notifyAll();
        }

        @Override
        public void dropped() {
            slots.release();
        }

        /** The request ended while its caller waits: stop waiting. */
        synchronized void wake() {
            notifyAll();
        }

        /** Waits for the turn; false if the wait was interrupted, or the request ended meanwhile. */
        synchronized boolean await() {
            try {
                while (!released && !job.result.isDone()) {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                job.result.completeExceptionally(new TogetherAudioException("interrupted while '"
                        + job.request.audio().describe() + "' waited for its turn; not sent"));
            }
            if (released && !job.result.isDone()) {
                return true;
            }
            abandoned = true;
            if (released) {
                slots.release();
            }
            return false;
        }
    }
}
