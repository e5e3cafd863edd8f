package io.cameltogether.audio.jobs;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.TogetherAudioConfiguration;
import io.cameltogether.audio.TogetherAudioEndpoint;
import io.cameltogether.audio.client.TogetherAudioApiException;
import io.cameltogether.audio.client.TogetherAudioException;
import io.cameltogether.audio.client.jobs.BatchJob;
import io.cameltogether.audio.client.jobs.JobResults;

/**
 * Polls the jobs in the job repository (and those of the jobIds option) and, when one ends, routes one exchange per
 * recording ({@link RecordingExchanges}). A job's results are read in the same order on every poll; the count of
 * recordings delivered is kept in the job repository after each, so a restart delivers only the rest, and a job
 * leaves the repository once all are delivered. Stopping suspends the consumer between two recordings. A poll that
 * cannot read a job or its results tries again next time, within bounds: a job unknown to the API for
 * {@link #NOT_FOUND_TIMEOUT}, results unreadable for {@link #MAX_DELIVERY_ATTEMPTS} polls, a job still open
 * {@link #DEADLINE_GRACE} past its deadline, or a creation never listed for {@link #PENDING_TIMEOUT}, ends with
 * its recordings failed (or, when they cannot be known, the job reported to the exception handler).
 */
public final class BatchJobConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(BatchJobConsumer.class);
    static final Duration NOT_FOUND_TIMEOUT = Duration.ofMinutes(10);
    static final int MAX_DELIVERY_ATTEMPTS = 10;
    static final Duration DEADLINE_GRACE = Duration.ofHours(1);
    static final Duration PENDING_TIMEOUT = Duration.ofHours(1);

    private final TogetherAudioEndpoint endpoint;
    private final RecordingExchanges exchanges;
    private final Map<String, BatchJob> running = new ConcurrentHashMap<>();
    private final Map<String, Instant> notFoundSince = new ConcurrentHashMap<>();
    private final Map<String, Integer> failedDeliveries = new ConcurrentHashMap<>();
    private volatile Clock clock = Clock.systemUTC();

    public BatchJobConsumer(TogetherAudioEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.exchanges = new RecordingExchanges(this, endpoint.getConfiguration());
    }

    /** The time deadlines and timeouts are measured by; tests move it. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /** The jobs not yet delivered, as the API last reported them: their status and progress. */
    public Map<String, BatchJob> runningJobs() {
        return Map.copyOf(running);
    }

    @Override
    protected void doStart() throws Exception {
        endpoint.getComponent().claimJobRepository(endpoint.getJobRegistry(), this);
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        endpoint.getComponent().releaseJobRepository(endpoint.getJobRegistry(), this);
    }

    @Override
    protected int poll() {
        JobRegistry registry = endpoint.getJobRegistry();
        List<String> tracked = registry.jobs();
        if (tracked.stream().anyMatch(entry -> entry.startsWith(JobRegistry.PENDING))) {
            resolvePending(registry, tracked);
            tracked = registry.jobs();
        }
        int routed = 0;
        for (String id : tracked) {
            if (!isRunAllowed() || isSuspendingOrSuspended()) {
                break;
            }
            BatchJob job = id.startsWith(JobRegistry.PENDING) ? null : status(id);
            if (job != null) {
                routed += deliverIfEnded(registry, job);
            }
        }
        return routed;
    }

    /**
     * Pending creations: the job made from the input file once listed; forgotten, and reported, when none is
     * listed (or the list cannot be read) for PENDING_TIMEOUT.
     */
    private void resolvePending(JobRegistry registry, List<String> tracked) {
        List<BatchJob> listed;
        try {
            listed = endpoint.getJobsClient().list();
        } catch (TogetherAudioException e) {
            LOG.warn("Cannot list batch jobs to find those being created: {}", e.getMessage());
            listed = List.of();
        }
        for (String entry : tracked) {
            if (!entry.startsWith(JobRegistry.PENDING)) {
                continue;
            }
            int at = entry.lastIndexOf('@');
            String fileId = entry.substring(JobRegistry.PENDING.length(), at < JobRegistry.PENDING.length()
                    ? entry.length() : at);
            Optional<BatchJob> made = listed.stream().filter(job -> fileId.equals(job.inputFileId())).findFirst();
            if (made.isPresent()) {
                registry.created(entry, made.get().id());
            } else if (pendingSince(entry).plus(PENDING_TIMEOUT).isBefore(clock.instant())) {
                registry.remove(entry);
                getExceptionHandler().handleException(new TogetherAudioException("no batch job made from input "
                        + "file " + fileId + " was listed within " + PENDING_TIMEOUT.toMinutes() + " minutes of "
                        + "its creation being asked for: its recordings are not transcribed"));
            }
        }
    }

    private static Instant pendingSince(String entry) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(entry.substring(entry.lastIndexOf('@') + 1)));
        } catch (NumberFormatException notATime) {
            return Instant.EPOCH;
        }
    }

    /** The job now, or null when it cannot be told this poll. */
    private BatchJob status(String id) {
        try {
            BatchJob job = endpoint.getJobsClient().get(id);
            if (!job.id().equals(id)) {
                LOG.warn("Asked for batch job {}, the API answered with job {}: ignored this poll", id, job.id());
                return null;
            }
            notFoundSince.remove(id);
            BatchJob before = running.put(id, job);
            if (before == null || before.status() != job.status() || !Objects.equals(before.progress(),
                    job.progress())) {
                LOG.info("{}", job);
            }
            return job;
        } catch (TogetherAudioApiException e) {
            if (e.getStatus() == 404) {
                Instant since = notFoundSince.computeIfAbsent(id, k -> clock.instant());
                if (since.plus(NOT_FOUND_TIMEOUT).isBefore(clock.instant())) {
                    forget(endpoint.getJobRegistry(), id);
                    getExceptionHandler().handleException(new TogetherAudioException("batch job " + id + " has been "
                            + "unknown to the API for " + NOT_FOUND_TIMEOUT.toMinutes() + " minutes: its results "
                            + "cannot be delivered, and it is no longer polled", e));
                    return null;
                }
            }
            LOG.warn("Cannot read batch job {} this poll: {}", id, e.getMessage());
        } catch (TogetherAudioException e) {
            LOG.warn("Cannot read batch job {} this poll: {}", id, e.getMessage());
        }
        return null;
    }

    private int deliverIfEnded(JobRegistry registry, BatchJob job) {
        if (job.status().isTerminal()) {
            return deliver(registry, job, false);
        }
        Instant deadline = job.deadline();
        if (deadline != null && deadline.plus(DEADLINE_GRACE).isBefore(clock.instant())) {
            return deliver(registry, job.endedUnfinished("it is still " + job.statusText() + " "
                    + DEADLINE_GRACE.toMinutes() + " minutes past its deadline " + deadline), true);
        }
        return 0;
    }

    /**
     * Routes the ended job's recordings not yet delivered; how many it routed. Results that cannot be read for
     * MAX_DELIVERY_ATTEMPTS polls, or a job taken as ended without them, fail every recording not yet delivered.
     */
    private int deliver(JobRegistry registry, BatchJob job, boolean withoutResults) {
        TogetherAudioConfiguration c = endpoint.getConfiguration();
        int attempt = failedDeliveries.merge(job.id(), 1, Integer::sum);
        int skip = registry.delivered(job.id());
        int[] position = { 0 };
        try (JobResults results = withoutResults || attempt > MAX_DELIVERY_ATTEMPTS
                ? JobResults.withoutResults(endpoint.getJobsClient(), job, withoutResults ? job.error()
                        : "its results could not be read in " + MAX_DELIVERY_ATTEMPTS + " polls", endpoint
                        .workDirectory(), c.getMaxResultFileSize(), c.getMaxResponseSize())
                : JobResults.fetch(endpoint.getJobsClient(), job, endpoint.workDirectory(),
                        c.getMaxResultFileSize(), c.getMaxResponseSize())) {
            failedDeliveries.remove(job.id());
            boolean all = results.deliver(outcome -> {
                if (!isRunAllowed() || isSuspendingOrSuspended()) {
                    return false; // stopping: the rest on the next poll, after a restart perhaps
                }
                if (position[0]++ >= skip) {
                    exchanges.route(job, results.recordings(), outcome);
                    registry.delivered(job.id(), position[0]);
                }
                return true;
            });
            if (all) {
                forget(registry, job.id());
                LOG.info("Delivered every recording of {} ({} recordings)", job, results.recordings());
            }
            return Math.max(0, position[0] - skip);
        } catch (TogetherAudioException | UncheckedIOException e) {
            LOG.warn("Cannot deliver the results of {} (attempt {}): {}", job, attempt, e.getMessage());
            if (attempt > MAX_DELIVERY_ATTEMPTS) {
                forget(registry, job.id());
                getExceptionHandler().handleException(new TogetherAudioException("the recordings of " + job
                        + " cannot be known: its input file cannot be read (" + e.getMessage() + "); it is no "
                        + "longer polled", e));
            }
            return 0;
        }
    }

    private void forget(JobRegistry registry, String id) {
        registry.remove(id);
        running.remove(id);
        notFoundSince.remove(id);
        failedDeliveries.remove(id);
    }
}
