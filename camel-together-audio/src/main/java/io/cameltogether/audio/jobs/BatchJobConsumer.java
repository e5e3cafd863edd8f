package io.cameltogether.audio.jobs;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.TogetherAudioEndpoint;
import io.cameltogether.audio.client.TogetherAudioApiException;
import io.cameltogether.audio.client.TogetherAudioException;
import io.cameltogether.audio.client.jobs.BatchJob;
import io.cameltogether.audio.client.jobs.OversizedAnswerException;

/**
 * Polls the jobs in the job repository (and those of the jobIds option) and, when one ends, has {@link JobDelivery}
 * route one exchange per recording. Stopping suspends the consumer between two recordings. A poll that cannot read
 * a job tries again next time, within bounds: a job unknown to the API (404) for {@link #NOT_FOUND_TIMEOUT} is
 * reported and dropped; one still open {@link #DEADLINE_GRACE} past its deadline (or, without one, a day and that
 * grace after it was first seen) has each recording not yet delivered failed; so has one whose results cannot be
 * read for {@link #RESULTS_TIMEOUT}, or at all (too large, gone); a creation not listed for
 * {@link #PENDING_TIMEOUT} is reported. A failure of one job never stops the others.
 */
public final class BatchJobConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(BatchJobConsumer.class);
    static final Duration NOT_FOUND_TIMEOUT = Duration.ofMinutes(10);
    static final Duration RESULTS_TIMEOUT = Duration.ofHours(1);
    static final Duration DEADLINE_GRACE = Duration.ofHours(1);
    static final Duration UNDATED_JOB_LIMIT = Duration.ofHours(25);
    static final Duration PENDING_TIMEOUT = Duration.ofHours(1);

    private final TogetherAudioEndpoint endpoint;
    private final JobDelivery delivery;
    private final Map<String, BatchJob> running = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Map<String, Instant> notFoundSince = new ConcurrentHashMap<>();
    private final Map<String, Instant> resultsFailingSince = new ConcurrentHashMap<>();

    public BatchJobConsumer(TogetherAudioEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.delivery = new JobDelivery(this, endpoint, new RecordingExchanges(this, endpoint.getConfiguration()));
    }

    /** The time deadlines and timeouts are measured by, the endpoint's job clock; tests move it. */
    public void setClock(Clock clock) {
        endpoint.setJobClock(clock);
    }

    /** The jobs not yet delivered, as the API last reported them: their status and progress. */
    public Map<String, BatchJob> runningJobs() {
        return Map.copyOf(running);
    }

    boolean stopping() {
        return !isRunAllowed() || isSuspendingOrSuspended();
    }

    @Override
    protected void doStart() throws Exception {
        endpoint.getComponent().claimJobRepository(endpoint.getJobRegistry(), this);
        try {
            super.doStart();
        } catch (Exception | Error e) {
            endpoint.getComponent().releaseJobRepository(endpoint.getJobRegistry(), this);
            throw e;
        }
    }

    @Override
    protected void doStop() throws Exception {
        try {
            super.doStop();
        } finally {
            endpoint.getComponent().releaseJobRepository(endpoint.getJobRegistry(), this);
        }
    }

    @Override
    protected int poll() {
        JobRegistry registry = endpoint.getJobRegistry();
        List<String> tracked = registry.jobs();
        if (tracked.stream().anyMatch(JobRegistry::isPending)) {
            new PendingCreations(registry, endpoint.getJobsClient(), getExceptionHandler()).resolve(tracked,
                    endpoint.getJobClock().instant());
            tracked = registry.jobs();
        }
        int routed = 0;
        for (String id : tracked) {
            if (stopping()) {
                break;
            }
            if (JobRegistry.isPending(id)) {
                continue;
            }
            try {
                BatchJob job = status(id);
                if (job != null) {
                    routed += deliverIfEnded(job);
                }
            } catch (RuntimeException e) {
                LOG.warn("Cannot go on with batch job {} this poll: {}", id, e.toString());
            }
        }
        return routed;
    }

    /** The job now, or null when it cannot be told this poll. */
    private BatchJob status(String id) {
        Instant now = endpoint.getJobClock().instant();
        firstSeen.putIfAbsent(id, now);
        try {
            BatchJob job = endpoint.getJobsClient().get(id);
            if (!job.id().equals(id)) {
                throw new TogetherAudioException("asked for batch job " + id + ", the API answered with job "
                        + job.id());
            }
            notFoundSince.remove(id);
            BatchJob before = running.put(id, job);
            if (before == null || before.status() != job.status()
                    || !Objects.equals(before.progress(), job.progress())) {
                LOG.info("{}", job);
            }
            return job;
        } catch (TogetherAudioApiException e) {
            if (e.getStatus() == 404 && notFoundSince.computeIfAbsent(id, k -> now).plus(NOT_FOUND_TIMEOUT)
                    .isBefore(now)) {
                forget(id);
                getExceptionHandler().handleException(new TogetherAudioException("batch job " + id + " has been "
                        + "unknown to the API for " + NOT_FOUND_TIMEOUT.toMinutes() + " minutes: its results "
                        + "cannot be delivered, and it is no longer polled", e));
                return null;
            }
            LOG.warn("Cannot read batch job {} this poll: {}", id, e.getMessage());
        } catch (TogetherAudioException e) {
            LOG.warn("Cannot read batch job {} this poll: {}", id, e.getMessage());
        }
        if (firstSeen.get(id).plus(UNDATED_JOB_LIMIT).isBefore(now)) {
            forget(id);
            getExceptionHandler().handleException(new TogetherAudioException("batch job " + id + " could not be "
                    + "read for " + UNDATED_JOB_LIMIT.toHours() + " hours: it is no longer polled"));
        }
        return null;
    }

    private int deliverIfEnded(BatchJob job) {
        Instant now = endpoint.getJobClock().instant();
        if (job.status().isTerminal()) {
            return deliverResults(job, now);
        }
        Instant deadline = job.deadline() != null ? job.deadline() : firstSeen.get(job.id()).plus(Duration.ofDays(1));
        if (deadline.plus(DEADLINE_GRACE).isBefore(now)) {
            return finish(delivery.withoutResults(job.endedUnfinished("it is still " + job.statusText() + " "
                    + DEADLINE_GRACE.toMinutes() + " minutes past its deadline " + deadline)), job.id());
        }
        return 0;
    }

    /** The job's results; failed from its input alone when they cannot be read at all, or for too long. */
    private int deliverResults(BatchJob job, Instant now) {
        try {
            JobDelivery.Result result = delivery.withResults(job);
            resultsFailingSince.remove(job.id());
            return finish(result, job.id());
        } catch (OversizedAnswerException | TogetherAudioApiException e) {
            if (e instanceof TogetherAudioApiException api && api.isRetryable()) {
                return retryLater(job, now, e);
            }
            return finish(delivery.withoutResults(job.endedUnfinished("its results cannot be read: "
                    + e.getMessage())), job.id());
        } catch (TogetherAudioException | UncheckedIOException e) {
            return retryLater(job, now, e);
        }
    }

    private int retryLater(BatchJob job, Instant now, RuntimeException e) {
        Instant since = resultsFailingSince.computeIfAbsent(job.id(), k -> now);
        LOG.warn("Cannot deliver the results of {} (failing since {}): {}", job, since, e.getMessage());
        if (since.plus(RESULTS_TIMEOUT).isBefore(now)) {
            return finish(delivery.withoutResults(job.endedUnfinished("its results could not be read for "
                    + RESULTS_TIMEOUT.toMinutes() + " minutes: " + e.getMessage())), job.id());
        }
        return 0;
    }

    private int finish(JobDelivery.Result result, String id) {
        if (result.complete()) {
            forget(id);
        }
        return result.routed();
    }

    private void forget(String id) {
        endpoint.getJobRegistry().remove(id);
        running.remove(id);
        firstSeen.remove(id);
        notFoundSince.remove(id);
        resultsFailingSince.remove(id);
    }
}
